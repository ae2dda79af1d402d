import CareCore
import CareIngest
import Testing

@Suite struct HeaderRecognitionTests {
    let matcher = HeaderMatcher()

    func table(_ headers: [String]) throws -> TableKind { try matcher.recognise(file: "f.csv", headers: headers).table }

    @Test func recognisesEachTableFromItsHeadersWhateverTheFileIsCalled() throws {
        #expect(try table(["CHILD", "SEX", "DOB", "ETHNIC"]) == .children)
        #expect(try table(["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE"]) == .episodes)
        #expect(try table(["LAchildID", "CPPstartDate", "CPPendDate", "InitialCategoryOfAbuse", "LatestCategoryOfAbuse"]) == .cpPlans)
        #expect(try table(["Child ID", "Conference Type", "Conference Date", "Strategy Date"]) == .cpConferences)
        #expect(try table(["CHILD", "REVIEW", "REVIEW_CODE"]) == .reviews)
        #expect(try table(["year", "age", "count"]) == .population)
        #expect(try table(["Person ID", "Start Date", "End Date", "Legal Status"]) == .legalStatuses)
        #expect(try table(["Person ID", "Start Date", "End Date", "Placement Type", "Placement Provider"]) == .placements)
    }

    @Test func aliasesIgnoreCaseSpacesUnderscoresHyphensAndPunctuation() throws {
        for h in ["Person ID", "PERSONID", "person_id", "person-id", "Person I.D.", " personid "] {
            #expect(matcher.fields(for: h) == ["child_id"], "\(h)")
        }
        // Never part of a header.
        #expect(matcher.fields(for: "Person ID 2").isEmpty)
        #expect(matcher.fields(for: "Previous Person ID").isEmpty)
    }

    @Test func missingRequiredFieldNamesTableFieldAndHeaders() {
        do {
            _ = try table(["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "DEC"])
            Issue.record("must fail")
        } catch let e as HeaderError {
            let text = e.description
            #expect(text.contains("episodes") && text.contains("provider") && text.contains("'DECOM'"), "\(text)")
        } catch { Issue.record("\(error)") }
    }

    @Test func twoHeadersForOneFieldIsAnError() {
        #expect(throws: HeaderError.self) { try table(["child_id", "Person ID", "sex", "dob", "ethnicity"]) }
    }

    @Test func oneHeaderForTwoFieldsIsAnError() {
        // A pipeline mapping that makes "Date" mean two fields of one table.
        let m = HeaderMatcher(extraAliases: ["strategy_date": ["Date"]])
        do {
            _ = try m.recognise(file: "f.csv", headers: ["Child ID", "Type", "Date", "Plan Made"])
            Issue.record("must fail")
        } catch let e as HeaderError {
            #expect(e.description.contains("could be any of"))
        } catch { Issue.record("\(error)") }
    }

    @Test func extraColumnsAreListed() throws {
        let m = try matcher.recognise(file: "f.csv", headers: ["child_id", "Forename", "sex", "dob", "ethnicity", "Worker"])
        #expect(m.extraColumns == ["Forename", "Worker"])
        #expect(m.table == .children)
    }

    @Test func unrecognisableFileSaysWhatItSaw() {
        do {
            _ = try table(["Referral ID", "Referral Date", "Outcome"])
            Issue.record("must fail")
        } catch let e as HeaderError {
            #expect(e.description.contains("'Referral ID'"))
        } catch { Issue.record("\(error)") }
    }
}
