/**
 * The API's OpenAPI description ({@code /v3/api-docs}) and its Swagger UI ({@code /swagger-ui.html}): what springdoc
 * reads from the controllers, plus what it cannot know: who needs a key, and which problems each operation answers.
 */
@NullMarked
package io.transcoder.api.openapi;

import org.jspecify.annotations.NullMarked;
