// placeholder so the target builds
