// HadirRules: placeholder until the module lands.
