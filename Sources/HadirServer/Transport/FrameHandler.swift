/// Receives complete frames from a ``TransportServer``.
///
/// Every method runs on the connection's event-loop thread, so it must not block: hand
/// slow work to another thread and answer later with ``Connection/send(_:)``, which is
/// safe from any thread.
public protocol FrameHandler: AnyObject, Sendable {
    /// Called for each complete frame, in arrival order.
    ///
    /// The transport has already counted the call in ``Connection/callsInFlight``; every
    /// frame should eventually be answered with one ``Connection/send(_:)``.
    ///
    /// - Parameters:
    ///   - payload: The frame's payload without its length prefix. It points into a
    ///     transport buffer and is valid only during this call: copy what you keep.
    ///     An empty payload (an empty protobuf message) is a valid frame.
    ///   - connection: The connection the frame arrived on.
    func handleFrame(_ payload: UnsafeRawBufferPointer, on connection: Connection)

    /// Called once when a connection is accepted, before its first frame.
    func connectionOpened(_ connection: Connection)

    /// Called once when a connection that was opened is closed, for any reason.
    func connectionClosed(_ connection: Connection)
}
