// HadirStore: placeholder until the module lands.
