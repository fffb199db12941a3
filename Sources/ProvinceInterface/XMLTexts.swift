import CLibXML2

/// The text of the first element of each name (local names, any namespace) in an XML document,
/// read through libxml2: no network, no DTD, no entity substitution. Foundation's XMLParser
/// crashed the process on mutated replies (an undefined entity, a bad namespace prefix).
enum XMLTexts {
  static func read(_ bytes: [UInt8], names: [String]) -> [String: String] {
    guard !bytes.isEmpty, bytes.count < Int(Int32.max), isPlain(bytes) else { return [:] }
    let options = Int32(
      XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
        | XML_PARSE_NOCDATA.rawValue)
    let parsed = bytes.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { chars in
        xmlReadMemory(chars.baseAddress, Int32(chars.count), nil, nil, options)
      }
    }
    guard let document = parsed else { return [:] }
    defer { xmlFreeDoc(document) }
    let wanted = Set(names)
    var found: [String: String] = [:]
    // Depth first, without recursion: libxml2 already bounds the depth, this keeps the stack flat.
    var pending: [xmlNodePtr] = xmlDocGetRootElement(document).map { [$0] } ?? []
    while let node = pending.popLast(), found.count < wanted.count {
      guard node.pointee.type == XML_ELEMENT_NODE, let rawName = node.pointee.name else { continue }
      let name = String(cString: rawName)
      if wanted.contains(name), found[name] == nil, let content = xmlNodeGetContent(node) {
        found[name] = String(cString: content).trimmingCharacters(in: .whitespacesAndNewlines)
        clibxml2_free(content)
      }
      var children: [xmlNodePtr] = []
      var child = node.pointee.children
      while let current = child {
        children.append(current)
        child = current.pointee.next
      }
      pending += children.reversed()
    }
    return found
  }

  /// Whether the document has no DTD and no entity references beyond XML's five and numeric ones:
  /// a province's reply has no business declaring any, and such a reply is read as unreadable.
  static func isPlain(_ bytes: [UInt8]) -> Bool {
    let text = String(decoding: bytes, as: UTF8.self)
    if text.range(of: "<!DOCTYPE", options: .caseInsensitive) != nil
      || text.range(of: "<!ENTITY", options: .caseInsensitive) != nil
    {
      return false
    }
    var rest = Substring(text)
    while let ampersand = rest.firstIndex(of: "&") {
      rest = rest[rest.index(after: ampersand)...]
      guard let semicolon = rest.prefix(12).firstIndex(of: ";") else { return false }
      let name = rest[..<semicolon]
      let numeric =
        name.hasPrefix("#x")
        ? name.count > 2 && name.dropFirst(2).allSatisfy(\.isHexDigit)
        : name.hasPrefix("#") ? name.count > 1 && name.dropFirst().allSatisfy(\.isNumber) : false
      guard numeric || ["lt", "gt", "amp", "quot", "apos"].contains(name) else { return false }
      rest = rest[rest.index(after: semicolon)...]
    }
    return true
  }
}
