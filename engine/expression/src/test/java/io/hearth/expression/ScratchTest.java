package io.hearth.expression;

import java.time.Duration;
import java.util.*;
import org.junit.jupiter.api.Test;

class ScratchTest {
  @Test
  void scratch() {
    ExpressionEngine e = new ExpressionEngine(new ExpressionLimits(Duration.ofMillis(2000), 5_000_000, 200, 10_000_000, 1_000_000));
    Scope scope = n -> Undefined.INSTANCE;
    String[] exprs = {
      "'a'.repeat(30) + '!'", 
      "('a'.repeat(30) + '!').match(/(a+)+$/)", "('a'.repeat(30) + '!').match(/^(a+)+$/)", "('a'.repeat(30) + '!').match(/^(a|a)+$/)",
      "('a'.repeat(30) + '!').match(/^(a|aa)+$/)", "('x'.repeat(30)).match(/(x+x+)+y/)", "('a'.repeat(30) + '!').match(/(a*)*b/)",
      "('a'.repeat(40) + '!').match(/^(\\w+\\s?)*$/)",
      "Array.from({length:25}).reduce(a => [a, a], 1)",
      "Array.from({length:25}).reduce(a => [a, a], 1).length",
    };
    for (String x : exprs) {
      long t0 = System.nanoTime();
      try {
        Object r = e.evaluate("{{ " + x + " }}", scope);
        System.out.println(x + "  =>  " + String.valueOf(r).substring(0, Math.min(50, String.valueOf(r).length())));
      } catch (Throwable ex) {
        System.out.println(x + "  !!  " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
      }
      System.out.println("   " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    }
  }
}
