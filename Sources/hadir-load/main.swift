// hadir-load: placeholder until the executable lands.
