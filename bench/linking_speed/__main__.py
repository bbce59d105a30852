from bench.linking_speed.run import main

main()
