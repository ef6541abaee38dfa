/** The web page's side of the server: the policy under which a browser runs it. */
@NullMarked
package io.transcoder.api.page;

import org.jspecify.annotations.NullMarked;
