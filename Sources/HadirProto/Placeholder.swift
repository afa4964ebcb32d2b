// HadirProto: placeholder until the module lands.
