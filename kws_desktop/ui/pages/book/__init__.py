"""The book: settings (Pengaturan), the first-run wizard and restoring a backup."""
