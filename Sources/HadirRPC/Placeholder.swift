// HadirRPC: placeholder until the module lands.
