import Hub

/// Runs `ratingpad-hub`.
@main
enum HubMain {
  static func main() async {
    await HubCommand.main()
  }
}
