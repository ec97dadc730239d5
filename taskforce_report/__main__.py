from taskforce_report.cli import main

main()
