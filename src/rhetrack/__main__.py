from rhetrack.cli import main

main()
