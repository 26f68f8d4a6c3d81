import Foundation
import QunCore

/// The new-campaign form: one line per field (the focused one with its cursor), a hint or the field's
/// problem under it, and the plan's own problems at the end.
struct CampaignFormOverlay {
    let state: AppState
    let form: CampaignForm

    func label(_ kind: CampaignForm.FieldKind) -> String {
        switch kind {
        case .name: return state.t(.formName)
        case .groups: return state.t(.formGroups)
        case .budget: return state.t(.formBudget)
        case .start: return state.t(.formStart)
        case .packetAmount: return state.t(.formPacketAmount)
        case .packetSlots: return state.t(.formPacketSlots)
        case .products: return state.t(.formProducts)
        case .days: return state.t(.formDays)
        case .reward: return state.t(.formReward)
        case .winners: return state.t(.formWinners)
        case .prize: return state.t(.formPrize)
        }
    }

    /// What the field takes, shown under the focused field.
    func hint(_ kind: CampaignForm.FieldKind) -> String? {
        let zh = state.language == .zh
        switch kind {
        case .groups: return zh ? "all（全部），或群 id / 群名，用逗号分隔" : "all, or group ids or names, comma-separated"
        case .start:
            let zone = state.groupScope.flatMap { id in state.data.groups.first { $0.id == id } }?.timeZoneID ?? Group.defaultTimeZoneID
            return zh ? "留空用模板默认；HH:MM 或 YYYY-MM-DD HH:MM（\(zone)）" : "empty: the template's default; HH:MM or YYYY-MM-DD HH:MM (\(zone))"
        case .products: return zh ? "商品名 ¥价格; 商品名 ¥价格" : "name ¥price; name ¥price"
        case .packetAmount where form.templateValue.type == .flashSale: return zh ? "留空则不发红包" : "empty: no red packet before each push"
        default: return nil
        }
    }

    func draw(into screen: inout Screen) {
        let labelWidth = 16
        var lines: [(String, StyleRole)] = []
        var cursorLine: Int?
        for (i, field) in form.fields.enumerated() {
            let focused = i == form.focus
            let mark = field.error != nil ? "✗ " : focused ? "▸ " : "  "
            if focused { cursorLine = lines.count }
            lines.append((mark + TerminalText.fit(label(field.kind), width: labelWidth) + " " + TerminalText.sanitize(field.text),
                          field.error != nil ? .danger : focused ? .text : .textDim))
            if let error = field.error {
                lines.append(("    " + error, .danger))
            } else if focused, let hint = hint(field.kind) {
                lines.append(("    " + hint, .textDim))
            }
        }
        for problem in form.planErrors { lines.append(("✗ " + problem, .danger)) }
        lines += [("", .text), (state.t(.formKeys), .keyHint)]
        let scope = state.groupScope.flatMap { id in state.data.groups.first { $0.id == id }?.name } ?? state.t(.allGroups)
        let rect = OverlayFrame.rect(in: screen, width: 100, height: lines.count + 2)
        OverlayFrame.draw(&screen, rect, title: "c " + state.t(.newCampaign) + ": "
            + CampaignTexts.templateTitle(form.templateValue, state.language) + " → " + scope)
        OverlayFrame.lines(&screen, rect, lines, scroll: 0)
        if let cursorLine, rect.height > 2 {
            // The cursor sits after the focused field's text.
            let field = form.fields[form.focus]
            let x = rect.x + 2 + 2 + labelWidth + 1 + DisplayWidth.of(TerminalText.sanitize(field.text))
            let y = rect.y + 1 + cursorLine
            if x < rect.x + rect.width - 1, y < rect.y + rect.height - 1 {
                screen.restyle(Rect(x: x, y: y, width: 1, height: 1), role: .selection)
            }
        }
    }
}
