// HadirWire: placeholder until the module lands.
