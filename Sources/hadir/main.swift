// hadir: placeholder until the executable lands.
