@testable import Postgres
import Storage
import XCTest

/// `?` → `$n` rewriting, without a server.
final class PlaceholderRewriterTests: XCTestCase {
    private func rewrite(_ sql: String) throws -> RewrittenSQL {
        try PlaceholderRewriter.rewrite(sql)
    }

    func testBarePlaceholdersAreNumberedInOrder() throws {
        XCTAssertEqual(try rewrite("SELECT ? , ?,?"), RewrittenSQL(text: "SELECT $1 , $2,$3", parameterCount: 3))
    }

    func testNumberedPlaceholdersKeepTheirNumbersAndCountTheHighest() throws {
        XCTAssertEqual(try rewrite("WHERE a = ?2 AND b = ?1 OR ?2 IS NULL"), RewrittenSQL(text: "WHERE a = $2 AND b = $1 OR $2 IS NULL", parameterCount: 2))
        XCTAssertEqual(try rewrite("VALUES (?10)").parameterCount, 10)
    }

    func testABarePlaceholderAfterNumberedOnesFollowsTheHighestAsInSQLite() throws {
        XCTAssertEqual(try rewrite("?1 ? ?5 ?"), RewrittenSQL(text: "$1 $2 $5 $6", parameterCount: 6))
    }

    func testQuestionMarksInStringLiteralsAreLeftAlone() throws {
        XCTAssertEqual(try rewrite("SELECT '?', 'it''s ?', ? AS x"), RewrittenSQL(text: "SELECT '?', 'it''s ?', $1 AS x", parameterCount: 1))
    }

    func testEscapeStringsWithBackslashQuotesAreLeftAlone() throws {
        XCTAssertEqual(try rewrite(#"SELECT E'\'?', e'a\\', ?"#).text, #"SELECT E'\'?', e'a\\', $1"#)
        // A word ending in e before a quote is not an escape-string prefix.
        XCTAssertEqual(try rewrite(#"SELECT name FROM t WHERE name ='\' AND ? = 1"#).text, #"SELECT name FROM t WHERE name ='\' AND $1 = 1"#)
    }

    func testQuotedIdentifiersAreLeftAlone() throws {
        XCTAssertEqual(try rewrite(#"SELECT "?" , "a""?" FROM t WHERE x = ?"#).text, #"SELECT "?" , "a""?" FROM t WHERE x = $1"#)
    }

    func testCommentsAreLeftAlone() throws {
        let sql = """
            SELECT ? -- is this ? a placeholder
            /* nor ? this /* nested ? */ still ? */ , ?
            """
        let expected = """
            SELECT $1 -- is this ? a placeholder
            /* nor ? this /* nested ? */ still ? */ , $2
            """
        XCTAssertEqual(try rewrite(sql), RewrittenSQL(text: expected, parameterCount: 2))
    }

    func testDollarQuotedBodiesAreLeftAlone() throws {
        let sql = "CREATE FUNCTION f() RETURNS text AS $body$ SELECT '?' || $$?$$ $body$ LANGUAGE sql; SELECT $$?$$, ?"
        XCTAssertEqual(try rewrite(sql).text, "CREATE FUNCTION f() RETURNS text AS $body$ SELECT '?' || $$?$$ $body$ LANGUAGE sql; SELECT $$?$$, $1")
    }

    func testDoubledQuestionMarkIsALiteralQuestionMark() throws {
        XCTAssertEqual(try rewrite("SELECT doc ?? 'key', doc ??| ?"), RewrittenSQL(text: "SELECT doc ? 'key', doc ?| $1", parameterCount: 1))
    }

    func testExistingDollarPlaceholdersAreCounted() throws {
        XCTAssertEqual(try rewrite("SELECT $2::text, ?"), RewrittenSQL(text: "SELECT $2::text, $3", parameterCount: 3))
    }

    func testCastsAndOperatorsAroundPlaceholdersSurvive() throws {
        XCTAssertEqual(try rewrite("SELECT ?::bigint, x::text, a||?").text, "SELECT $1::bigint, x::text, a||$2")
    }

    func testUnterminatedLiteralIsCopiedForTheServerToRefuse() throws {
        XCTAssertEqual(try rewrite("SELECT 'open ?"), RewrittenSQL(text: "SELECT 'open ?", parameterCount: 0))
        XCTAssertEqual(try rewrite("SELECT /* open ?"), RewrittenSQL(text: "SELECT /* open ?", parameterCount: 0))
    }

    func testOutOfRangePlaceholderNumbersAreRefused() {
        XCTAssertThrowsError(try rewrite("SELECT ?0"))
        XCTAssertThrowsError(try rewrite("SELECT ?40000"))
    }

    func testNonASCIITextPassesThroughUnchanged() throws {
        XCTAssertEqual(try rewrite("SELECT 'é?🎨', ? AS \"名前\"").text, "SELECT 'é?🎨', $1 AS \"名前\"")
    }

    func testTheCacheAnswersTheSameRewriteForTheSameText() throws {
        let cache = RewrittenSQLCache()
        let first = try cache.rewritten("SELECT ?")
        XCTAssertEqual(try cache.rewritten("SELECT ?"), first)
        XCTAssertEqual(first.text, "SELECT $1")
    }
}
