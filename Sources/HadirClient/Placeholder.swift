// HadirClient: placeholder until the module lands.
