// hadir-server: placeholder until the executable lands.
