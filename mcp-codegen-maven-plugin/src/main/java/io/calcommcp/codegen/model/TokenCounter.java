package io.calcommcp.codegen.model;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Counts what text costs a model, in tokens of the o200k_base encoding (the GPT-4o family's), so
 * that the build can say what the advertised tool surface costs every conversation.
 */
final class TokenCounter {

    // Loading the encoding reads its vocabulary once; one counter serves the whole build.
    private static final Encoding O200K = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    private TokenCounter() {}

    static int count(String text) {
        return O200K.countTokensOrdinary(text);
    }
}
