import ConfigurationFile

extension TLSFiles {
  /// `tls_certificate` and `tls_key` of `section`: both or neither. With `checkingFiles`, each file
  /// must hold what its key says, the error naming the key and the file; a reader that is not the
  /// server (e.g. `ratingpad status`) may not be allowed to read the private key, so it does not check.
  public static func read(_ section: TOMLSection, checkingFiles: Bool) throws(ConfigurationError) -> TLSFiles?
  {
    switch (try section.string("tls_certificate"), try section.string("tls_key")) {
    case (let certificate?, let key?):
      if checkingFiles {
        do { try PEMCheck.certificates(at: certificate) } catch {
          throw section.error("tls_certificate", error.description)
        }
        do { try PEMCheck.privateKey(at: key) } catch { throw section.error("tls_key", error.description) }
      }
      return TLSFiles(certificate: certificate, privateKey: key)
    case (nil, nil): return nil
    case (nil, _): throw section.error("tls_certificate", "is required with tls_key")
    case (_, nil): throw section.error("tls_key", "is required with tls_certificate")
    }
  }
}
