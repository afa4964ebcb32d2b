// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Hadir",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "HadirClient", targets: ["HadirClient"]),
        .library(name: "HadirProto", targets: ["HadirProto"]),
        .executable(name: "hadir-server", targets: ["hadir-server"]),
        .executable(name: "hadir", targets: ["hadir"]),
        .executable(name: "hadir-load", targets: ["hadir-load"]),
        .executable(name: "protoc-gen-hadir", targets: ["protoc-gen-hadir"]),
    ],
    targets: [
        // C shims: Debian's libsqlite3-dev, and epoll/eventfd which Glibc does not export.
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite"),
        .target(name: "CEpoll", path: "Sources/CEpoll"),

        // Protobuf wire format in pure Swift, the generated contract, and RPC framing.
        .target(name: "HadirLog"),
        .target(name: "HadirWire"),
        .target(name: "HadirProto", dependencies: ["HadirWire"]),
        .target(name: "HadirRPC", dependencies: ["HadirWire", "HadirProto"]),
        .target(name: "HadirClient", dependencies: ["HadirRPC", "HadirProto", "HadirWire"]),
        // protobuf's JSON mapping for any message, from the schema the generator embeds.
        .target(name: "HadirJSON", dependencies: ["HadirWire", "HadirProto"]),

        // The domain's pure rules, the store, and the server.
        .target(name: "HadirRules"),
        .target(name: "HadirStore", dependencies: ["CSQLite", "HadirRules", "HadirLog"]),
        .target(
            name: "HadirServer",
            dependencies: [
                "CEpoll", "HadirRPC", "HadirProto", "HadirWire", "HadirStore", "HadirRules", "HadirLog",
            ]
        ),

        .executableTarget(name: "hadir-server", dependencies: ["HadirServer", "HadirStore", "HadirLog"]),
        .executableTarget(
            name: "hadir",
            dependencies: [
                "HadirClient", "HadirStore", "HadirRules", "HadirProto", "HadirWire", "HadirLog",
                "HadirJSON", "HadirRPC",
            ]
        ),
        .target(name: "HadirLoadKit"),
        .executableTarget(
            name: "hadir-load",
            dependencies: ["HadirClient", "HadirProto", "HadirRPC", "HadirWire", "CEpoll", "HadirLoadKit"]
        ),
        .executableTarget(name: "protoc-gen-hadir", dependencies: ["HadirWire"]),

        .target(name: "HadirTestProtos", dependencies: ["HadirWire"], path: "Tests/HadirTestProtos"),
        .testTarget(name: "HadirWireTests", dependencies: ["HadirWire", "HadirProto", "HadirTestProtos"]),
        .testTarget(
            name: "HadirJSONTests", dependencies: ["HadirJSON", "HadirWire", "HadirProto", "HadirTestProtos"]
        ),
        .testTarget(name: "HadirRulesTests", dependencies: ["HadirRules"]),
        .testTarget(name: "HadirLoadTests", dependencies: ["HadirLoadKit"]),
        .testTarget(name: "HadirStoreTests", dependencies: ["HadirStore", "HadirRules", "HadirLog"]),
        .testTarget(
            name: "HadirServerTests",
            dependencies: ["HadirServer", "HadirRPC", "HadirProto", "HadirWire", "HadirStore"]
        ),
        // harness/harness.c is compiled by the tests themselves, against protoc-c's output.
        .testTarget(
            name: "ConformanceTests",
            dependencies: ["HadirProto", "HadirWire", "HadirTestProtos"],
            exclude: ["harness"]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["HadirClient", "HadirProto", "HadirRPC", "HadirStore"]
        ),
    ]
)
