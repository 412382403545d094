// The Media module: pixels in and out.
