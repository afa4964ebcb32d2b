// protoc-gen-hadir: placeholder until the executable lands.
