from inovasi_cli.cli.app import main

main()
