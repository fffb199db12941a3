/// What pad and hub agree a record is, and how either proves a chain of them genuine: the
/// records, their canonical encoding, the chain verifier, the device's public key, the signed
/// head and the hex and time formats they travel in. No storage and no private key.
public enum RecordChainModule {}
