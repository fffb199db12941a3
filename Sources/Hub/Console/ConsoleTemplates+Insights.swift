/// The reports, ranking, fleet and audit pages' templates (registered with the others by
/// `ConsoleTemplates.all`).
extension ConsoleTemplates {
  /// A text a template tests with a section: false when there is none (mustache shows no section).
  static func optional(_ text: String?) -> Any { text.map { $0 as Any } ?? false }

  static let insights: [String: String] = [
    "reports": reports, "ranking": ranking, "report-filters": reportFilters, "fleet": fleet, "audit": audit,
  ]

  static let reportFilters = """
    <form class="filters" method="get" action="{{action}}">
    {{#showBy}}<label>{{byLabel}} <select name="by">{{#dimensions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/dimensions}}</select></label>{{/showBy}}
    <label>{{monthLabel}} <input name="month" value="{{month}}" placeholder="{{monthHint}}" maxlength="7" size="8"></label>
    <label>{{quarterLabel}} <input name="quarter" value="{{quarter}}" placeholder="{{quarterHint}}" maxlength="6" size="7"></label>
    <label>{{fromLabel}} <input name="from" value="{{from}}" placeholder="{{dateHint}}" maxlength="10" size="11"></label>
    <label>{{toLabel}} <input name="to" value="{{to}}" placeholder="{{dateHint}}" maxlength="10" size="11"></label>
    <button type="submit">{{showLabel}}</button>
    </form>
    """

  static let reports = """
    {{{filters}}}
    <p>{{periodLabel}}: <b id="period">{{period}}</b>{{#scoped}} · <span class="muted">{{scoped}}</span>{{/scoped}}
    · <a id="csv" href="{{csvHref}}">{{csvLabel}}</a> · <a href="{{rankingHref}}">{{rankingLabel}}</a></p>
    <section><h2>{{chartLabel}}</h2>{{{chart}}}{{#noRatings}}<p class="empty">{{emptyLabel}}</p>{{/noRatings}}</section>
    <div class="wide"><table id="report">
    <thead><tr><th>{{unitLabel}}</th><th>{{ratingsLabel}}</th>{{#levels}}<th>{{label}}</th>{{/levels}}<th>{{badLabel}}</th><th>{{scoreLabel}}</th></tr></thead>
    <tbody>{{#rows}}<tr{{#hasBad}} class="bad"{{/hasBad}}><td class="unit">{{unit}}</td><td class="total">{{total}}</td>{{#counts}}<td>{{count}}</td>{{/counts}}<td class="badcount">{{bad}}</td><td class="score">{{score}}</td></tr>{{/rows}}</tbody>
    {{#total}}<tfoot><tr><th>{{unit}}</th><th>{{total}}</th>{{#counts}}<th>{{count}}</th>{{/counts}}<th>{{bad}}</th><th>{{score}}</th></tr></tfoot>{{/total}}
    </table></div>
    """

  static let ranking = """
    {{{filters}}}
    <p>{{periodLabel}}: <b id="period">{{period}}</b> · <a href="{{reportHref}}">{{reportLabel}}</a></p>
    <div class="wide"><table id="ranking">
    <thead><tr><th>{{rankLabel}}</th><th>{{windowLabel}}</th><th>{{scoreLabel}}</th><th>{{ratingsLabel}}</th><th>{{badLabel}}</th></tr></thead>
    <tbody>{{#rows}}<tr{{#hasBad}} class="bad"{{/hasBad}}><td class="rank">{{rank}}</td><td class="unit">{{unit}}</td><td class="score">{{score}}</td><td class="total">{{total}}</td><td>{{bad}}</td></tr>{{/rows}}</tbody>
    </table></div>
    {{^rows}}<p class="empty">{{emptyLabel}}</p>{{/rows}}
    """

  static let fleet = """
    <p>{{padsLabel}}: {{padCount}} · {{onlineLabel}}: <b id="online-count">{{onlineCount}}</b> · <span class="muted">{{onlineNote}} {{onlineMinutes}}</span></p>
    <div class="wide"><table id="pads">
    <thead><tr><th>{{nameLabel}}</th><th>{{hallLabel}}</th><th>{{windowLabel}}</th><th>{{contactLabel}}</th><th>{{stateLabel}}</th><th>{{backlogLabel}}</th><th>{{chainLabel}}</th><th>{{softwareLabel}}</th><th>{{channelLabel}}</th><th>{{clockLabel}}</th><th>{{faultLabel}}</th></tr></thead>
    <tbody>{{#pads}}<tr data-fingerprint="{{fingerprint}}"{{#flagged}} class="bad"{{/flagged}}>
    <td>{{name}}</td><td>{{hall}}</td><td>{{window}}</td><td>{{contact}}</td>
    <td class="{{#online}}online{{/online}}{{^online}}offline{{/online}}">{{state}}</td><td class="backlog">{{backlog}}</td>
    <td class="chain">{{throughLabel}} {{seq}}{{#problem}}<br><span class="error">{{flaggedLabel}}: {{problem}}</span>{{/problem}}{{#handedOverTo}}<br>{{handedOverLabel}} {{handedOverTo}}{{/handedOverTo}}{{#impostor}}<br><span class="error">{{impostorLabel}}: {{impostor}}</span>{{/impostor}}{{^flagged}}{{^handedOverTo}} · {{intactLabel}}{{/handedOverTo}}{{/flagged}}
    {{#canClear}}<form class="clear-flag" method="post" action="{{clearAction}}"><input type="hidden" name="csrf" value="{{csrf}}"><label>{{reasonLabel}} <textarea name="reason" required minlength="4" maxlength="500"></textarea></label><button type="submit">{{clearLabel}}</button></form>{{/canClear}}</td>
    <td>{{software}}</td><td>{{channel}}</td><td class="clock">{{clock}}</td><td class="fault">{{#fault}}<span class="error">{{fault}}</span>{{/fault}}{{^fault}}-{{/fault}}</td></tr>{{/pads}}</tbody>
    </table></div>
    <section id="uplink"><h2>{{uplinkLabel}}</h2>
    <p class="muted" id="uplink-to">{{uplinkTo}}</p>
    <p class="states">{{#states}}{{label}}: <b>{{count}}</b> · {{/states}}{{oldestLabel}}: {{oldest}} · {{awaitingClockLabel}}: {{awaitingClock}}</p>
    <h3>{{refusedLabel}}</h3>
    <div class="wide"><table id="refused">
    <thead><tr><th>{{caseLabel}}</th><th>{{stageLabel}}</th><th>{{deviceLabel}}</th><th>{{whyLabel}}</th><th>{{attemptsLabel}}</th><th>{{enteredLabel}}</th>{{#canRetry}}<th></th>{{/canRetry}}</tr></thead>
    <tbody>{{#refused}}<tr class="refused" data-case="{{case}}"><td>{{case}}</td><td>{{stage}}</td><td>{{device}} #{{seq}}</td><td class="why">{{why}}</td><td>{{attempts}}</td><td>{{entered}}</td>
    {{#canRetry}}<td><form class="retry" method="post" action="{{retryAction}}"><input type="hidden" name="csrf" value="{{csrf}}"><label>{{reasonLabel}} <textarea name="reason" required minlength="4" maxlength="500"></textarea></label><button type="submit">{{retryLabel}}</button></form></td>{{/canRetry}}</tr>{{/refused}}</tbody>
    </table></div>
    {{^refused}}<p class="muted">{{noneLabel}}</p>{{/refused}}
    <h3>{{pendingLabel}}</h3>
    <div class="wide"><table id="pending">
    <thead><tr><th>{{caseLabel}}</th><th>{{stageLabel}}</th><th>{{deviceLabel}}</th><th>{{whyLabel}}</th><th>{{attemptsLabel}}</th><th>{{enteredLabel}}</th></tr></thead>
    <tbody>{{#pending}}<tr><td>{{case}}</td><td>{{stage}}</td><td>{{device}} #{{seq}}</td><td>{{why}}</td><td>{{attempts}}</td><td>{{entered}}</td></tr>{{/pending}}</tbody>
    </table></div>
    </section>
    """

  static let audit = """
    <p>{{count}} {{countLabel}} · {{pageLabel}} <b id="audit-page">{{pageNumber}}</b> / {{pages}}
    {{#newer}} · <a rel="prev" href="{{newer}}">{{newerLabel}}</a>{{/newer}}{{#older}} · <a rel="next" href="{{older}}">{{olderLabel}}</a>{{/older}}</p>
    <div class="wide"><table id="audit">
    <thead><tr><th>{{timeLabel}}</th><th>{{actorLabel}}</th><th>{{actionLabel}}</th><th>{{subjectLabel}}</th><th>{{detailLabel}}</th></tr></thead>
    <tbody>{{#entries}}<tr><td>{{time}}</td><td class="actor">{{actor}}</td><td class="action">{{action}}</td><td>{{subject}}</td><td class="detail">{{detail}}</td></tr>{{/entries}}</tbody>
    </table></div>
    {{^entries}}<p class="empty">{{emptyLabel}}</p>{{/entries}}
    """
}
