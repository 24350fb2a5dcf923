"""The performance benchmark: a large generated undertaking (`dataset`) and the figures
`vernelogg bench` measures against it (`runner`), each next to a floor measured in the same
run on the same machine."""
