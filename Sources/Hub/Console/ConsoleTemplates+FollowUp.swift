/// The follow-up pages' templates: the queue of bad ratings, and one rating with its actions.
extension ConsoleTemplates {
  static let followUps: [String: String] = ["followups": queue, "followup": detail]

  static let queue = """
    <form class="filters" method="get" action="/followups">
    <label>{{stateLabel}} <select name="state">{{#states}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/states}}</select></label>
    <label>{{monthLabel}} <input name="month" value="{{month}}" placeholder="2026-11" size="8"></label>
    <button type="submit">{{filterLabel}}</button>
    <a href="/followups.csv?{{query}}">{{exportLabel}}</a>
    </form>
    <p class="muted">{{countText}}</p>
    <div class="wide"><table id="followups">
    <thead><tr><th>{{timeLabel}}</th><th>{{placeLabel}}</th><th>{{staffLabel}}</th><th>{{levelLabel}}</th><th>{{reasonsLabel}}</th><th>{{stateLabel}}</th><th>{{deadlineLabel}}</th></tr></thead>
    <tbody>{{#rows}}<tr data-uuid="{{uuid}}"{{#overdue}} class="bad"{{/overdue}}>
    <td><a href="/followups/{{uuid}}">{{time}}</a></td><td>{{place}}</td><td>{{staff}}</td><td class="level">{{level}}</td><td>{{reasons}}</td>
    <td class="state">{{state}}</td><td>{{contact}} / {{fix}}{{#overdueText}} <span class="overdue">{{overdueText}}</span>{{/overdueText}}</td></tr>{{/rows}}</tbody></table></div>
    {{^rows}}<p class="empty">{{emptyLabel}}</p>{{/rows}}
    <p>{{#previous}}<a href="/followups?{{previous}}">← {{previousLabel}}</a>{{/previous}} {{#next}}<a href="/followups?{{next}}">{{nextLabel}} →</a>{{/next}}</p>
    """

  static let detail = """
    <section id="rating"><table>
    {{#facts}}<tr><th>{{label}}</th><td>{{value}}</td></tr>{{/facts}}
    <tr><th>{{stateLabel}}</th><td class="state" id="state">{{state}}</td></tr>
    <tr><th>{{deadlineLabel}}</th><td>{{deadlines}}{{#overdueText}} <span class="overdue">{{overdueText}}</span>{{/overdueText}}</td></tr>
    </table></section>
    <section><h2>{{historyLabel}}</h2>
    <ol id="actions">{{#actions}}<li data-kind="{{kind}}"><time>{{time}}</time> <b>{{label}}</b> · {{actor}} ({{role}}){{#days}} · {{days}} {{daysLabel}}{{/days}} → <span class="state-after">{{stateAfter}}</span><br>{{text}}</li>{{/actions}}</ol>
    {{^actions}}<p class="empty">{{noActionsLabel}}</p>{{/actions}}
    </section>
    {{#error}}<p class="error" id="action-error">{{error}}</p>{{/error}}
    {{#canAct}}<section><h2>{{recordLabel}}</h2>
    <form id="action-form" method="post" action="/followups/{{uuid}}/actions">
    <input type="hidden" name="csrf" value="{{csrf}}">
    <label>{{kindLabel}} <select name="kind">{{#kinds}}<option value="{{value}}">{{label}}</option>{{/kinds}}</select></label>
    <label>{{textLabel}} <textarea name="text" maxlength="2000" required></textarea></label>
    <label>{{daysLabel}} <input name="days" type="number" min="1" max="15" size="3"> <span class="muted">{{daysHint}}</span></label>
    <button type="submit">{{submitLabel}}</button>
    </form></section>{{/canAct}}
    """
}
