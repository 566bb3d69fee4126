"""The area pages, one folder per area, named as in services/: book, sales, jobs, billing,
purchasing, people, cash, reports, evaluation, exchange, training."""
