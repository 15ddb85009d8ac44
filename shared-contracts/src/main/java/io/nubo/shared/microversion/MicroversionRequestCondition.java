package io.nubo.shared.microversion;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.servlet.mvc.condition.RequestCondition;

/** Matches a request whose negotiated {@link ApiVersion} lies in a handler's {@link Microversions} range. */
final class MicroversionRequestCondition implements RequestCondition<MicroversionRequestCondition> {

    private final ApiVersion min;
    private final ApiVersion max;

    MicroversionRequestCondition(ApiVersion min, ApiVersion max) {
        this.min = min;
        this.max = max;
    }

    static MicroversionRequestCondition of(Microversions m) {
        return m == null ? null : new MicroversionRequestCondition(ApiVersion.parse(m.min()),
                m.max().isEmpty() ? null : ApiVersion.parse(m.max()));
    }

    @Override
    public MicroversionRequestCondition combine(MicroversionRequestCondition method) {
        // a method's own range narrows its controller's
        ApiVersion lo = min.compareTo(method.min) >= 0 ? min : method.min;
        ApiVersion hi = max == null ? method.max : method.max == null ? max : max.compareTo(method.max) <= 0 ? max
                : method.max;
        return new MicroversionRequestCondition(lo, hi);
    }

    @Override
    public MicroversionRequestCondition getMatchingCondition(HttpServletRequest request) {
        ApiVersion v = MicroversionFilter.requested(request);
        if (v == null) {
            // a CORS pre-flight or a request outside the versioned API: no version to check
            return this;
        }
        return v.within(min, max) ? this : null;
    }

    @Override
    public int compareTo(MicroversionRequestCondition other, HttpServletRequest request) {
        // the narrower (newer) minimum first
        return other.min.compareTo(min);
    }

    @Override
    public String toString() {
        return "microversions [" + min + ", " + (max == null ? "max" : max) + "]";
    }
}
