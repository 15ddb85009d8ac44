package io.nubo.metering.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How amounts are written on the wire: plain decimals, rounded half-even at a fixed scale, no exponent. */
final class Money {

    private Money() {
    }

    static String text(BigDecimal amount, int scale) {
        BigDecimal r = amount.setScale(scale, RoundingMode.HALF_EVEN);
        return r.signum() == 0 ? "0" : r.stripTrailingZeros().toPlainString();
    }

    /** Rounded, without trailing zeros, and never with a positive exponent ({@code 10}, not {@code 1E+1}). */
    static BigDecimal round(BigDecimal amount, int scale) {
        BigDecimal r = amount.setScale(scale, RoundingMode.HALF_EVEN);
        return r.signum() == 0 ? BigDecimal.ZERO : new BigDecimal(r.stripTrailingZeros().toPlainString());
    }
}
