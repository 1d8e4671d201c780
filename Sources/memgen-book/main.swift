import MemgenCLI
