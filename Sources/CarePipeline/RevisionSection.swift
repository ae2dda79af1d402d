import CareMeasures
import CareStore
import CareTables
import Foundation

/// The "changes since the published figures" section of report.html: only figures the tables
/// show, as the tables print them (after secondary suppression), never a value they hide.
public enum RevisionSection {
    public static func html(_ revisions: [Revision], published: [String: (run: RunRecord, figures: [StoredFigure])], onTheBoard: Set<String>) -> String {
        guard !published.isEmpty else { return "" }
        var out = "<section id=\"revisions\">\n<h2>Changes since the published figures</h2>\n"
        let visible = revisions.filter {
            onTheBoard.contains(Figure.key($0.measure, $0.period, $0.dimension, $0.category)) && $0.publishedShown != $0.newShown
        }
        if revisions.isEmpty {
            return out + "<p class=\"reference\">No figure differs from the runs last published for these periods.</p>\n</section>\n"
        }
        out += "<p class=\"reference\">\(revisions.count) figures differ from the runs last published for these periods; \(visible.count) of them as printed (after suppression). revisions.csv lists them all.</p>\n"
        out += "<table>\n<thead><tr><th>Measure</th><th>Period</th><th>Breakdown</th><th>Published</th><th>Now</th></tr></thead>\n<tbody>\n"
        for r in visible.prefix(200) {
            let breakdown = r.dimension == "total" ? "Total" : "\(r.dimension): \(r.category)"
            out += "<tr><th scope=\"row\">\(Markup.escape(r.measure))</th><td>\(Markup.escape(r.period))</td><td>\(Markup.escape(breakdown))</td><td>\(Markup.escape(r.publishedShown))</td><td>\(Markup.escape(r.newShown))</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }
}
