/// The console's pages as mustache templates: one layout around each page's body. Values are
/// escaped by mustache; `{{{body}}}` is a page already rendered.
enum ConsoleTemplates {
  static let all: [String: String] = [
    "layout": layout, "login": login, "today-page": "{{{today}}}", "today": today,
    "today-tables": todayTables, "message": message, "alerts": alerts,
  ].merging(followUps) { first, _ in first }.merging(insights) { first, _ in first }

  static let layout = """
    <!doctype html>
    <html lang="zh-CN"><head><meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{title}} · {{site}}</title>
    <link rel="stylesheet" href="/assets/console.css">
    <script src="/assets/console.js" defer></script>
    </head><body{{#page}} data-page="{{page}}"{{/page}}>
    <header><span class="site">{{site}}</span>
    {{#user}}<nav id="nav">{{#nav}}<a href="{{href}}"{{#current}} class="current"{{/current}}>{{label}}</a>{{/nav}}</nav>
    <span id="whoami">{{displayName}} ({{name}}) · {{roleLabel}}</span>
    <form id="logout" method="post" action="/logout"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">{{logoutLabel}}</button></form>{{/user}}
    </header>
    <div id="alert" data-label="{{alertLabel}}" hidden></div>
    <main>
    <h1>{{title}}</h1>
    {{{body}}}
    </main></body></html>
    """

  static let login = """
    <form id="login-form" method="post" action="/login">
    {{#error}}<p class="error">{{error}}</p>{{/error}}
    <input type="hidden" name="login_csrf" value="{{loginCSRF}}">
    <label>{{usernameLabel}} <input name="username" autocomplete="username" required maxlength="64" autofocus></label>
    <label>{{passwordLabel}} <input name="password" type="password" autocomplete="current-password" required maxlength="72"></label>
    <button type="submit">{{loginLabel}}</button>
    </form>
    """

  static let message = """
    <p class="error">{{message}}</p>
    """

  static let today = """
    <section id="today-tables">{{{tables}}}</section>
    <section><h2>{{liveLabel}}</h2>
    <ul id="live-ratings">{{#lines}}<li class="rating{{#bad}} bad{{/bad}}" data-uuid="{{uuid}}"><time>{{time}}</time> <span class="place">{{place}}</span> <span class="staff">{{staff}}</span> <span class="level">{{label}}</span>{{#bad}} <a href="/followups/{{uuid}}">→</a>{{/bad}}</li>{{/lines}}</ul>
    {{^lines}}<p class="empty">{{emptyLabel}}</p>{{/lines}}
    </section>
    """

  static let todayTables = """
    <p class="totals">{{ratingsLabel}}: <b id="today-count">{{total}}</b> · {{badLabel}}: <b id="today-bad">{{bad}}</b> · {{scoreLabel}}: <b>{{score}}</b></p>
    <div class="columns">
    <table id="today-windows"><caption>{{windowsLabel}}</caption>
    <thead><tr><th>{{windowLabel}}</th><th>{{ratingsLabel}}</th><th>{{badLabel}}</th><th>{{scoreLabel}}</th></tr></thead>
    <tbody>{{#windows}}<tr{{#hasBad}} class="bad"{{/hasBad}}><td>{{unit}}</td><td>{{total}}</td><td>{{bad}}</td><td>{{score}}</td></tr>{{/windows}}</tbody></table>
    <table id="today-staff"><caption>{{staffLabel}}</caption>
    <thead><tr><th>{{staffNumberLabel}}</th><th>{{ratingsLabel}}</th><th>{{badLabel}}</th><th>{{scoreLabel}}</th></tr></thead>
    <tbody>{{#staff}}<tr{{#hasBad}} class="bad"{{/hasBad}}><td>{{unit}}</td><td>{{total}}</td><td>{{bad}}</td><td>{{score}}</td></tr>{{/staff}}</tbody></table>
    </div>
    """
}
