package dev.kiwiops.kiwivm;

import java.util.Map;
import retrofit2.Call;
import retrofit2.http.FieldMap;
import retrofit2.http.FormUrlEncoded;
import retrofit2.http.POST;
import retrofit2.http.Path;
import retrofit2.http.Tag;

/**
 * The KiwiVM API as Retrofit sees it: every call is a POST of a urlencoded form (so the API key
 * never sits in a URL) to {@code <base>/<call>}, where a slash call is two path segments. The
 * fields, {@code veid} and {@code api_key} included, come from {@link Upstream} callers. The {@link
 * SendProbe} tag learns whether the request started going out.
 */
interface KiwiVmService {
  @FormUrlEncoded
  @POST("{call}")
  Call<WireObject> post(
      @Path(value = "call", encoded = true) String call,
      @FieldMap Map<String, String> fields,
      @Tag SendProbe probe);
}
