/// The ledger module (filled in by its own commit).
