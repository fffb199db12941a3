/// The console's stylesheet and script, served by the hub itself: a hall's office network may
/// have no internet, so nothing comes from a CDN. Laid out for a 1366×768 screen and a phone.
enum ConsoleAssets {
  static let css = """
    :root { font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif; font-size: 15px; color: #1d2733; }
    body { margin: 0; background: #f4f6f9; }
    header { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1rem; padding: .5rem 1rem; background: #1f4e8c; color: #fff; }
    header .site { font-weight: bold; }
    nav { display: flex; flex-wrap: wrap; gap: .25rem; }
    nav a { color: #fff; text-decoration: none; padding: .3rem .6rem; border-radius: 4px; }
    nav a.current, nav a:hover { background: rgba(255,255,255,.2); }
    #whoami { margin-left: auto; font-size: .9rem; }
    #logout button { background: transparent; color: #fff; border: 1px solid #fff; border-radius: 4px; padding: .2rem .6rem; cursor: pointer; }
    main { padding: 1rem; max-width: 1320px; margin: 0 auto; }
    h1 { font-size: 1.3rem; margin: .2rem 0 1rem; }
    h2 { font-size: 1.1rem; }
    table { border-collapse: collapse; background: #fff; margin-bottom: 1rem; width: 100%; }
    caption { text-align: left; font-weight: bold; padding: .3rem 0; }
    th, td { border: 1px solid #d5dbe3; padding: .3rem .5rem; text-align: left; vertical-align: top; }
    th { background: #e8edf4; }
    tr.bad td, li.bad { background: #fdecec; }
    .columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 1rem; }
    #live-ratings { list-style: none; padding: 0; margin: 0; }
    #live-ratings li { background: #fff; border-bottom: 1px solid #e1e5eb; padding: .35rem .5rem; }
    #live-ratings li.bad { border-left: 4px solid #c62828; }
    .level { font-weight: bold; }
    .bad .level, .overdue { color: #c62828; font-weight: bold; }
    #alert { position: sticky; top: 0; z-index: 2; background: #c62828; color: #fff; padding: .6rem 1rem; font-weight: bold; }
    #alert a { color: #fff; }
    .error { color: #c62828; font-weight: bold; }
    form label { display: block; margin: .5rem 0; }
    input, select, textarea, button { font: inherit; }
    input, select, textarea { padding: .3rem; border: 1px solid #b8c2cf; border-radius: 4px; max-width: 100%; }
    textarea { width: 100%; min-height: 4rem; box-sizing: border-box; }
    button { padding: .35rem .9rem; border: 0; border-radius: 4px; background: #1f4e8c; color: #fff; cursor: pointer; }
    #login-form { max-width: 360px; background: #fff; padding: 1.5rem; border-radius: 6px; }
    #login-form input { width: 100%; box-sizing: border-box; }
    .filters { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; margin-bottom: 1rem; }
    .filters label { margin: 0; }
    .muted { color: #6b7785; }
    svg text { font-size: 11px; fill: #1d2733; }
    @media (max-width: 640px) {
      main { padding: .5rem; }
      th, td { padding: .25rem; font-size: .85rem; }
      #whoami { margin-left: 0; }
      .wide { display: block; overflow-x: auto; }
    }
    """

  static let javascript = """
    "use strict";
    // The today page: ratings arrive over server-sent events; each is listed, a bad one raises the
    // alert banner, and the tables are fetched again.
    (function () {
      if (document.body.dataset.page !== "today") return;
      var list = document.getElementById("live-ratings");
      var banner = document.getElementById("alert");
      var refreshing = null;
      function refreshTables() {
        if (refreshing) return;
        refreshing = setTimeout(function () {
          fetch("/today/tables", { credentials: "same-origin" }).then(function (r) { return r.ok ? r.text() : null; })
            .then(function (html) { if (html !== null) document.getElementById("today-tables").innerHTML = html; })
            .finally(function () { refreshing = null; });
        }, 300);
      }
      var source = new EventSource("/live");
      source.addEventListener("rating", function (event) {
        var r = JSON.parse(event.data);
        if (list.querySelector('li[data-uuid="' + r.uuid + '"]')) return;
        var item = document.createElement("li");
        item.className = "rating" + (r.bad ? " bad" : "");
        item.dataset.uuid = r.uuid;
        var parts = [["time", r.time], ["place", r.place], ["staff", r.staff], ["level", r.label]];
        parts.forEach(function (p, i) {
          var span = document.createElement(p[0] === "time" ? "time" : "span");
          span.className = p[0];
          span.textContent = p[1];
          if (i > 0) item.appendChild(document.createTextNode(" "));
          item.appendChild(span);
        });
        if (r.bad) {
          var link = document.createElement("a");
          link.href = "/followups/" + encodeURIComponent(r.uuid);
          link.textContent = " →";
          item.appendChild(link);
          banner.textContent = "";
          var text = document.createElement("a");
          text.href = link.href;
          text.textContent = banner.dataset.label + ": " + r.place + " " + r.staff + " " + r.label + " " + r.time;
          banner.appendChild(text);
          banner.hidden = false;
        }
        list.insertBefore(item, list.firstChild);
        while (list.children.length > 50) list.removeChild(list.lastChild);
        var empty = document.querySelector(".empty");
        if (empty) empty.remove();
        refreshTables();
      });
    })();
    """
}
