package io.hearth.expression;

import static io.hearth.expression.Js.eval;
import static io.hearth.expression.Js.evalJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The JavaScript n8n users write in function bodies inside {{ }}: statements, closures, new. */
class StatementsTest {

    /** Evaluates and renders like JSON.stringify so that one table covers many types. */
    private static String json(String expression) {
        Object v = eval("JSON.stringify(" + expression + ")");
        return v instanceof String s ? s : "undefined";
    }

    @ParameterizedTest
    @CsvSource(
            delimiterString = " ⇒ ",
            quoteCharacter = '\u00A4',
            value = {
                // declarations and blocks
                "(() => { var a = 1; let b = 2; const c = 3; return a + b + c })() ⇒ 6",
                "(() => { let a; return a })() ⇒ undefined",
                "(() => { let x = 1; { let x = 2; } return x })() ⇒ 1",
                "(() => { var x = 1; { var x = 2; } return x })() ⇒ 2",
                "(() => { return hoisted; var hoisted = 1 })() ⇒ undefined",
                "(() => { return f(); function f() { return 'hoisted' } })() ⇒ \"hoisted\"",
                "(function () { return 'function expression' })() ⇒ \"function expression\"",
                "(function fact(n) { return n <= 1 ? 1 : n * fact(n - 1) })(5) ⇒ 120",
                "(() => { const f = function (x = 2, ...rest) { return x + rest.length }; return [f(), f(1, 2, 3)] })() ⇒ [2,3]",
                "((a, b = a * 2, {c = 3, d: [e] = [4]} = {}) => [a, b, c, e])(1) ⇒ [1,2,3,4]",
                // control flow
                "(() => { if (1 > 2) { return 'a' } else if (2 > 1) { return 'b' } else { return 'c' } })() ⇒ \"b\"",
                "(() => { let s = 0; for (let i = 0; i < 5; i++) { if (i === 1) continue; if (i === 4) break; s += i } return s })() ⇒ 5",
                "(() => { let s = ''; for (const x of ['a', 'b']) s += x; return s })() ⇒ \"ab\"",
                "(() => { let s = ''; for (const c of 'hé') { s = c + s } return s })() ⇒ \"éh\"",
                "(() => { const keys = []; for (const k in {a: 1, b: 2}) { keys.push(k) } return keys })() ⇒ [\"a\",\"b\"]",
                "(() => { const keys = []; for (const i in ['x', 'y']) { keys.push(i) } return keys })() ⇒ [\"0\",\"1\"]",
                "(() => { let i = 0; while (i < 3) i++; return i })() ⇒ 3",
                "(() => { let i = 0; do { i += 2 } while (i < 5); return i })() ⇒ 6",
                "(() => { let n = 0; outer: for (const a of [1, 2]) { for (const b of [1, 2]) { if (b === 2) continue outer; if (a === 2) break outer; n++ } } return n })() ⇒ 1",
                "(() => { block: { if (true) break block; return 'not here' } return 'after' })() ⇒ \"after\"",
                "(() => { switch (2) { case 1: return 'one'; case 2: case 3: return 'two or three'; default: return 'other' } })() ⇒ \"two or three\"",
                "(() => { let out = []; switch ('x') { default: out.push('d'); case 'y': out.push('y'); break; case 'z': out.push('z') } return out })() ⇒ [\"d\",\"y\"]",
                "(() => { for (const [k, v] of Object.entries({a: 1, b: 2})) { if (v === 2) return k } })() ⇒ \"b\"",
                // exceptions
                "(() => { try { throw new Error('boom') } catch (e) { return e.message } })() ⇒ \"boom\"",
                "(() => { try { throw {code: 42} } catch ({code}) { return code } })() ⇒ 42",
                "(() => { try { null.x } catch (e) { return [e.name, e instanceof TypeError, e instanceof Error] } })() ⇒ [\"TypeError\",true,true]",
                "(() => { try { JSON.parse('{') } catch (e) { return e.name } })() ⇒ \"SyntaxError\"",
                "(() => { try { return 'try' } finally { 'cleanup' } })() ⇒ \"try\"",
                "(() => { try { return 'try' } finally { return 'finally' } })() ⇒ \"finally\"",
                "(() => { let log = []; try { try { throw 1 } finally { log.push('inner') } } catch (e) { log.push('caught ' + e) } return log })() ⇒ [\"inner\",\"caught 1\"]",
                "(() => { try { [1].sum().foo.bar } catch { return 'no binding' } })() ⇒ \"no binding\"",
                "(() => { const e = new RangeError('r', {cause: 'c'}); return [String(e), e.cause, e instanceof RangeError, e instanceof TypeError] })() ⇒ [\"RangeError: r\",\"c\",true,false]",
                // closures
                "(() => { const fns = []; for (let i = 0; i < 3; i++) { fns.push(() => i) } return fns.map(f => f()) })() ⇒ [0,1,2]",
                "(() => { const fns = []; for (var i = 0; i < 3; i++) { fns.push(() => i) } return fns.map(f => f()) })() ⇒ [3,3,3]",
                "(() => { const fns = []; for (const x of [1, 2]) { const y = x * 10; fns.push(() => x + y) } return fns.map(f => f()) })() ⇒ [11,22]",
                "(() => { const counter = () => { let n = 0; return () => ++n }; const c = counter(); c(); c(); return c() })() ⇒ 3",
                "(() => { let x = 1; const get = () => x; x = 2; return get() })() ⇒ 2",
                "[1, 2, 3].map(function (x) { return x * 2 }) ⇒ [2,4,6]",
                // assignment
                "(() => { let a = 1; a += 2; a *= 3; a -= 1; a /= 2; a **= 2; a %= 7; return a })() ⇒ 2",
                "(() => { let a = null; a ??= 'x'; let b = 0; b ||= 5; let c = 1; c &&= 7; return [a, b, c] })() ⇒ [\"x\",5,7]",
                "(() => { let i = 5; const j = i++; const k = ++i; return [i, j, k, i--, --i] })() ⇒ [7,5,7,7,5]",
                "(() => { let a = 1, b = 2; [a, b] = [b, a]; return [a, b] })() ⇒ [2,1]",
                "(() => { let a, rest; ({a, ...rest} = {a: 1, b: 2, c: 3}); return [a, rest] })() ⇒ [1,{\"b\":2,\"c\":3}]",
                "(() => { const [x, , y = 9, ...z] = [1, 2, undefined, 4, 5]; return [x, y, z] })() ⇒ [1,9,[4,5]]",
                "(() => { const {a: {b: [c]}} = {a: {b: [7]}}; return c })() ⇒ 7",
                "(() => { const o = {}; o.a = 1; o['b'] = 2; o.c ??= 3; delete o.a; return o })() ⇒ {\"b\":2,\"c\":3}",
                "(() => { const a = []; a[2] = 'x'; a.length = 4; return a })() ⇒ [null,null,\"x\",null]",
                "(() => { const a = [3, 1, 2]; a.sort(); a.push(4, 5); a.unshift(0); const last = a.pop(); a.shift(); return [a, last] })() ⇒ [[1,2,3,4],5]",
                "(() => { const a = [1, 2, 3, 4]; const removed = a.splice(1, 2, 'x'); return [a, removed] })() ⇒ [[1,\"x\",4],[2,3]]",
                "(() => { const out = {}; for (const item of [{k: 'a', v: 1}, {k: 'b', v: 2}]) { out[item.k] = item.v } return out })() ⇒ {\"a\":1,\"b\":2}",
                "(() => { counter = 1; counter++; return counter })() ⇒ 2",
                // built-ins with new, and their getters
                "[new String('x'), new Number('2'), new Boolean(0), new Array(2).length, new Object({a: 1})] ⇒ [\"x\",2,false,2,{\"a\":1}]",
                "(() => { const m = new Map([['a', 1]]); m.set('b', 2).set(1, 'one'); return [m.size, m.get('a'), m.get(1.0), m.has('c'), [...m.keys()], m.delete('a'), m.size] })() ⇒ [3,1,\"one\",false,[\"a\",\"b\",1],true,2]",
                "(() => { const s = new Set([1, 2, 2, 3]); s.add(4); return [s.size, s.has(2), [...s], Array.from(s).length] })() ⇒ [4,true,[1,2,3,4],4]",
                "(() => { const m = new Map(); for (const w of 'a b a'.split(' ')) m.set(w, (m.get(w) ?? 0) + 1); return Object.fromEntries(m) })() ⇒ {\"a\":2,\"b\":1}",
                "(() => { let n = 0; new Map([[1, 'x'], [2, 'y']]).forEach((v, k) => n += k); return n })() ⇒ 3",
                "[new RegExp('a+', 'g').flags, new RegExp('x').source, new RegExp(/b/i).test('B')] ⇒ [\"g\",\"x\",true]",
                "(() => { const re = /o/g; const found = []; let m; while ((m = re.exec('foo boo')) !== null) { found.push(m.index) } return found })() ⇒ [1,2,5,6]",
                "[new Date(0).toISOString(), new Date(2024, 0, 31).getMonth(), typeof new Date()] ⇒ [\"1970-01-01T00:00:00.000Z\",0,\"object\"]",
                "[[] instanceof Array, ({}) instanceof Object, 'x' instanceof String, new Date() instanceof Date, DateTime.now() instanceof DateTime] ⇒ [true,true,false,true,true]",
                "new Intl.NumberFormat('en-US', {maximumFractionDigits: 2}).format(1234.567) ⇒ \"1,234.57\"",
                "[typeof Intl, typeof BigInt, typeof Map, typeof Set, typeof Error] ⇒ [\"object\",\"function\",\"function\",\"function\",\"function\"]",
                // templates, optional chaining, nullish coalescing
                "(() => { const who = {name: 'Ada'}; return `hi ${who?.name ?? 'you'}, ${who.age?.toFixed(1) ?? 'ageless'}` })() ⇒ \"hi Ada, ageless\"",
                "(() => { const o = {f: null}; return [o.f?.(), o.g?.x.y.z, o?.['f']] })() ⇒ [null,null,null]",
            })
    void evaluateLikeJavaScript(String expression, String expectedJson) {
        assertThat(json(expression)).isEqualTo(expectedJson);
    }

    @Test
    void reportsN8nErrorsRaisedInsideTryBlocksToTheCatch() {
        assertThat(eval("(() => { try { return (1.5).isEven() } catch (e) { return e.message } })()"))
                .asString()
                .contains("isEven() is only callable on integers");
    }

    @Test
    void letsTheReturnValueOfAFunctionSurviveItsFinallyBlock() {
        assertThat(eval("(() => { const f = () => 'inner'; try { return 'outer' } finally { f() } })()"))
                .isEqualTo("outer");
    }

    @Test
    void givesUndefinedForAnUncaughtThrowAsN8nDoes() {
        assertThat(eval("(() => { throw new Error('x') })()")).isSameAs(Undefined.INSTANCE);
        assertThat(Js.ENGINE.evaluate("a{{ (() => { throw 1 })() }}b", Scope.empty()))
                .isEqualTo("ab");
    }

    @Test
    void buildsNewItemsFromInputData() {
        Map<String, Object> json =
                Map.of("orders", List.of(Map.of("sku", "a", "qty", 2), Map.of("sku", "b", "qty", 3)));

        assertThat(evalJson("""
                        (() => {
                          const totals = {}
                          let count = 0
                          for (const {sku, qty} of $json.orders) {
                            totals[sku] = (totals[sku] ?? 0) + qty
                            count++
                          }
                          return {totals, count}
                        })()""", json)).isEqualTo(Map.of("totals", Map.of("a", 2L, "b", 3L), "count", 2L));
    }

    @Test
    void reportsN8nsErrorForAnExtensionFunctionOfAnotherType() {
        assertThatThrownBy(() -> eval("'abc'.sum()"))
                .isInstanceOf(ExpressionException.class)
                .hasMessage("sum() is only callable on type \"Array\"");
        assertThatThrownBy(() -> eval("({}).toSnakeCase()"))
                .hasMessage("toSnakeCase() is only callable on type \"String\"");
        assertThatThrownBy(() -> eval("'x'.isEven()")).hasMessage("isEven() is only callable on type \"Number\"");
        assertThat(eval("[(0).isEmpty(), (5).isEmpty(), true.isNotEmpty()]")).isEqualTo(List.of(true, false, true));
        assertThat(eval("'abc'.notAFunction()")).isSameAs(Undefined.INSTANCE); // a TypeError, as in n8n
    }

    @Test
    void keepsAssignmentsToConstantsAnError() {
        assertThat(eval("(() => { const a = 1; try { a = 2 } catch (e) { return e.message } })()"))
                .isEqualTo("Assignment to constant variable.");
    }

    @Test
    void refusesToChangeInputData() {
        assertThatThrownBy(() -> evalJson("(() => { $json.a = 2; return $json })()", Map.of("a", 1)))
                .isInstanceOf(ExpressionSandboxException.class)
                .hasMessageContaining("copy it first");
        assertThat(evalJson("(() => { const copy = {...$json}; copy.a = 2; return copy })()", Map.of("a", 1)))
                .isEqualTo(Map.of("a", 2L));
    }
}
