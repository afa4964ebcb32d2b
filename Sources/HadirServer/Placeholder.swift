// HadirServer: placeholder until the module lands.
