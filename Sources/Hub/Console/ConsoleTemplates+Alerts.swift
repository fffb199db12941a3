/// The alerts page's template: each webhook's deliveries at a glance, then the latest ones.
extension ConsoleTemplates {
  static let alerts = """
    <table id="webhooks"><caption>{{webhooksLabel}}</caption>
    <thead><tr><th>{{webhookLabel}}</th>{{#stateNames}}<th>{{.}}</th>{{/stateNames}}</tr></thead>
    <tbody>{{#webhooks}}<tr><td>{{name}}</td>{{#counts}}<td>{{.}}</td>{{/counts}}</tr>{{/webhooks}}</tbody></table>
    {{^webhooks}}<p class="empty">{{noWebhooksLabel}}</p>{{/webhooks}}
    <p class="muted">{{oldestText}}</p>
    <div class="wide"><table id="deliveries"><caption>{{deliveriesLabel}}</caption>
    <thead><tr><th>{{timeLabel}}</th><th>{{placeLabel}}</th><th>{{staffLabel}}</th><th>{{levelLabel}}</th><th>{{webhookLabel}}</th><th>{{stateLabel}}</th><th>{{attemptsLabel}}</th><th>{{lastLabel}}</th></tr></thead>
    <tbody>{{#rows}}<tr data-uuid="{{uuid}}" data-webhook="{{webhook}}" class="{{state}}"><td><a href="/followups/{{uuid}}">{{time}}</a></td><td>{{place}}</td><td>{{staff}}</td><td class="level">{{level}}</td><td>{{webhook}}</td><td class="delivery-state">{{stateLabel}}</td><td>{{attempts}}</td><td>{{last}}</td></tr>{{/rows}}</tbody></table></div>
    """
}
