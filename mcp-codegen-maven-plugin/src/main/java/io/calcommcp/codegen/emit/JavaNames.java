package io.calcommcp.codegen.emit;

import java.util.Locale;

/** Java spellings of tool names. */
final class JavaNames {

    private JavaNames() {}

    /** {@code list_all_calcom_bookings} -> {@code ListAllCalcomBookings}. */
    static String className(String toolName) {
        StringBuilder out = new StringBuilder();
        for (String word : toolName.split("_")) {
            if (!word.isEmpty()) {
                out.append(word.substring(0, 1).toUpperCase(Locale.ROOT)).append(word.substring(1));
            }
        }
        if (out.length() == 0 || !Character.isJavaIdentifierStart(out.charAt(0))) {
            out.insert(0, "Tool");
        }
        return out.toString();
    }

    /** Text made safe for a Javadoc comment: no comment terminators, no stray HTML. */
    static String javadoc(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("*/", "*&#47;")
                .replace("@", "&#64;");
    }
}
