import MemgenCLI; MemgenCommand.main()
