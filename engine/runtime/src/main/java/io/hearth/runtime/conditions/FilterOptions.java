package io.hearth.runtime.conditions;

/**
 * How a filter compares.
 *
 * @param caseSensitive string comparisons respect letter case
 * @param strictTypes   a value of another type than the comparison's is an error (n8n's "strict"
 *                      type validation); otherwise it is converted where it can be ("loose")
 * @param version       n8n's filter version: 2 reads booleans such as {@code "false"} and {@code 0}
 *                      as false in loose mode; 3 treats an empty text or list as no number
 */
public record FilterOptions(boolean caseSensitive, boolean strictTypes, int version) {

    /** n8n's defaults for a filter value that states no options. */
    public static final FilterOptions DEFAULTS = new FilterOptions(true, true, 1);

    public FilterOptions withCaseSensitive(boolean value) {
        return new FilterOptions(value, strictTypes, version);
    }

    public FilterOptions withStrictTypes(boolean value) {
        return new FilterOptions(caseSensitive, value, version);
    }
}
