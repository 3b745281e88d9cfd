/* kioskfakescenesrc: a live source playing a scripted scene of stills and videos (see
 * fakecamera.h). Each entry is decoded by a private pipeline into the negotiated raw
 * format; the source paces itself on the pipeline clock like a webcam. */
#include "fakecamera.h"

#include <gst/app/gstappsink.h>
#include <gst/base/gstpushsrc.h>
#include <gst/video/video.h>

#include <string.h>

typedef struct
{
    gchar *path;
    gdouble seconds; /* <= 0: hold */
    gboolean still;
    GstElement *decoder; /* private pipeline, NULL until needed */
    GstAppSink *sink;
    GstBuffer *last; /* last decoded frame, the only one for a still */
} SceneEntry;

typedef struct
{
    GstPushSrc parent;
    GArray *entries; /* SceneEntry */
    gint fps;
    gint current;
    gint control_index; /* last scene_index seen in the control file */
    guint64 frames;
    guint64 entry_started;
    GstClockTime first_running;
    GstVideoInfo info;
    gboolean have_info;
    GstClockID wait_id;
    gboolean flushing;
} KioskFakeSceneSrc;

typedef struct
{
    GstPushSrcClass parent_class;
} KioskFakeSceneSrcClass;

G_DEFINE_TYPE(KioskFakeSceneSrc, kiosk_fake_scene_src, GST_TYPE_PUSH_SRC)

enum
{
    PROP_0,
    PROP_SCENE,
    PROP_FPS
};

static void scene_set_property(GObject *object, guint id, const GValue *value, GParamSpec *spec);
static void scene_get_property(GObject *object, guint id, GValue *value, GParamSpec *spec);

#define SCENE_FORMATS "{ YUY2, I420, NV12, BGRx, RGBx }"

static GstStaticPadTemplate src_template = GST_STATIC_PAD_TEMPLATE(
    "src", GST_PAD_SRC, GST_PAD_ALWAYS, GST_STATIC_CAPS(GST_VIDEO_CAPS_MAKE(SCENE_FORMATS)));

static void entry_close(SceneEntry *e)
{
    if (e->decoder) {
        gst_element_set_state(e->decoder, GST_STATE_NULL);
        gst_object_unref(e->decoder);
        e->decoder = NULL;
        e->sink = NULL;
    }
    gst_clear_buffer(&e->last);
}

static void entry_clear(gpointer data)
{
    SceneEntry *e = data;
    entry_close(e);
    g_free(e->path);
}

static gboolean entry_open(KioskFakeSceneSrc *self, SceneEntry *e)
{
    gchar *escaped = g_strescape(e->path, NULL);
    gchar *desc = g_strdup_printf(
        "filesrc location=\"%s\" ! decodebin ! videoconvert ! videoscale add-borders=true "
        "! video/x-raw,format=%s,width=%d,height=%d,pixel-aspect-ratio=1/1 "
        "! appsink name=sink sync=false max-buffers=2",
        escaped, gst_video_format_to_string(GST_VIDEO_INFO_FORMAT(&self->info)),
        GST_VIDEO_INFO_WIDTH(&self->info), GST_VIDEO_INFO_HEIGHT(&self->info));
    GError *error = NULL;
    e->decoder = gst_parse_launch(desc, &error);
    g_free(desc);
    g_free(escaped);
    if (!e->decoder) {
        GST_ELEMENT_ERROR(self, RESOURCE, OPEN_READ, ("cannot decode %s", e->path),
                          ("%s", error ? error->message : "parse error"));
        g_clear_error(&error);
        return FALSE;
    }
    g_clear_error(&error);
    GstElement *sink = gst_bin_get_by_name(GST_BIN(e->decoder), "sink");
    e->sink = GST_APP_SINK(sink);
    gst_object_unref(sink); /* the pipeline keeps it */
    gst_element_set_state(e->decoder, GST_STATE_PLAYING);
    return TRUE;
}

/* The next frame of an entry: a still's only frame, or a video's next, looping. */
static GstBuffer *entry_frame(KioskFakeSceneSrc *self, SceneEntry *e)
{
    if (e->still && e->last)
        return gst_buffer_ref(e->last);
    if (!e->decoder && !entry_open(self, e))
        return NULL;
    for (int attempt = 0; attempt < 2; ++attempt) {
        GstSample *sample = gst_app_sink_try_pull_sample(e->sink, 2 * GST_SECOND);
        if (sample) {
            gst_clear_buffer(&e->last);
            e->last = gst_buffer_ref(gst_sample_get_buffer(sample));
            gst_sample_unref(sample);
            if (e->still) {
                gst_element_set_state(e->decoder, GST_STATE_NULL);
                gst_clear_object(&e->decoder);
                e->sink = NULL;
            }
            return gst_buffer_ref(e->last);
        }
        if (!gst_app_sink_is_eos(e->sink))
            break;
        gst_element_seek_simple(e->decoder, GST_FORMAT_TIME,
                                GST_SEEK_FLAG_FLUSH | GST_SEEK_FLAG_KEY_UNIT, 0);
    }
    if (e->last)
        return gst_buffer_ref(e->last);
    GST_ELEMENT_ERROR(self, STREAM, DECODE, ("no frame from %s", e->path), (NULL));
    return NULL;
}

static gboolean scene_set_caps(GstBaseSrc *src, GstCaps *caps)
{
    KioskFakeSceneSrc *self = (KioskFakeSceneSrc *)src;
    GstVideoInfo info;
    if (!gst_video_info_from_caps(&info, caps))
        return FALSE;
    if (self->have_info && gst_video_info_is_equal(&info, &self->info))
        return TRUE;
    self->info = info;
    self->have_info = TRUE;
    for (guint i = 0; i < self->entries->len; ++i)
        entry_close(&g_array_index(self->entries, SceneEntry, i));
    return TRUE;
}

static GstCaps *scene_fixate(GstBaseSrc *src, GstCaps *caps)
{
    KioskFakeSceneSrc *self = (KioskFakeSceneSrc *)src;
    caps = gst_caps_make_writable(caps);
    GstStructure *s = gst_caps_get_structure(caps, 0);
    gst_structure_fixate_field_nearest_int(s, "width", 1280);
    gst_structure_fixate_field_nearest_int(s, "height", 720);
    gst_structure_fixate_field_nearest_fraction(s, "framerate", self->fps, 1);
    return GST_BASE_SRC_CLASS(kiosk_fake_scene_src_parent_class)->fixate(src, caps);
}

static gboolean scene_unlock(GstBaseSrc *src)
{
    KioskFakeSceneSrc *self = (KioskFakeSceneSrc *)src;
    GST_OBJECT_LOCK(self);
    self->flushing = TRUE;
    if (self->wait_id)
        gst_clock_id_unschedule(self->wait_id);
    GST_OBJECT_UNLOCK(self);
    return TRUE;
}

static gboolean scene_unlock_stop(GstBaseSrc *src)
{
    KioskFakeSceneSrc *self = (KioskFakeSceneSrc *)src;
    GST_OBJECT_LOCK(self);
    self->flushing = FALSE;
    GST_OBJECT_UNLOCK(self);
    return TRUE;
}

static gboolean scene_stop(GstBaseSrc *src)
{
    KioskFakeSceneSrc *self = (KioskFakeSceneSrc *)src;
    for (guint i = 0; i < self->entries->len; ++i)
        entry_close(&g_array_index(self->entries, SceneEntry, i));
    self->frames = 0;
    self->have_info = FALSE;
    return TRUE;
}

/* Waits until the running time of the next frame, as a camera delivering at its rate. */
static GstFlowReturn scene_wait(KioskFakeSceneSrc *self, GstClockTime *running)
{
    GstClock *clock = gst_element_get_clock(GST_ELEMENT(self));
    if (!clock) {
        *running = gst_util_uint64_scale(self->frames, GST_SECOND, self->fps);
        return GST_FLOW_OK;
    }
    const GstClockTime base = gst_element_get_base_time(GST_ELEMENT(self));
    if (self->frames == 0)
        self->first_running = gst_clock_get_time(clock) - base;
    *running = self->first_running + gst_util_uint64_scale(self->frames, GST_SECOND, self->fps);
    GST_OBJECT_LOCK(self);
    if (self->flushing) {
        GST_OBJECT_UNLOCK(self);
        gst_object_unref(clock);
        return GST_FLOW_FLUSHING;
    }
    self->wait_id = gst_clock_new_single_shot_id(clock, base + *running);
    GstClockID id = self->wait_id;
    GST_OBJECT_UNLOCK(self);
    const GstClockReturn ret = gst_clock_id_wait(id, NULL);
    GST_OBJECT_LOCK(self);
    gst_clock_id_unref(self->wait_id);
    self->wait_id = NULL;
    const gboolean flushing = self->flushing;
    GST_OBJECT_UNLOCK(self);
    gst_object_unref(clock);
    return (ret == GST_CLOCK_UNSCHEDULED || flushing) ? GST_FLOW_FLUSHING : GST_FLOW_OK;
}

static void scene_advance(KioskFakeSceneSrc *self)
{
    const gint n = (gint)self->entries->len;
    /* Every frame: a test (or the demo) that turns the card over must not see the old side
     * for a third of a second after it said so. The control file is a few bytes. */
    {
        const gint index = kiosk_fake_config_scene_index();
        if (index >= 0 && index != self->control_index) {
            self->control_index = index;
            self->current = CLAMP(index, 0, n - 1);
            self->entry_started = self->frames;
            return;
        }
    }
    const SceneEntry *e = &g_array_index(self->entries, SceneEntry, self->current);
    if (e->seconds > 0 && self->current + 1 < n &&
        (gdouble)(self->frames - self->entry_started) >= e->seconds * self->fps) {
        ++self->current;
        self->entry_started = self->frames;
    }
}

static GstFlowReturn scene_create(GstPushSrc *src, GstBuffer **out)
{
    KioskFakeSceneSrc *self = (KioskFakeSceneSrc *)src;
    if (!self->have_info)
        return GST_FLOW_NOT_NEGOTIATED;
    if (self->entries->len == 0) {
        GST_ELEMENT_ERROR(self, RESOURCE, NOT_FOUND, ("the scene is empty"), (NULL));
        return GST_FLOW_ERROR;
    }
    GstClockTime running = 0;
    const GstFlowReturn ret = scene_wait(self, &running);
    if (ret != GST_FLOW_OK)
        return ret;
    scene_advance(self);
    GstBuffer *frame = entry_frame(self, &g_array_index(self->entries, SceneEntry, self->current));
    if (!frame)
        return GST_FLOW_ERROR;
    /* A shallow copy shares the pixels but has timestamps of its own. */
    GstBuffer *buffer = gst_buffer_copy(frame);
    gst_buffer_unref(frame);
    GST_BUFFER_PTS(buffer) = running;
    GST_BUFFER_DTS(buffer) = GST_CLOCK_TIME_NONE;
    GST_BUFFER_DURATION(buffer) = gst_util_uint64_scale(1, GST_SECOND, self->fps);
    GST_BUFFER_OFFSET(buffer) = self->frames++;
    *out = buffer;
    return GST_FLOW_OK;
}

static void scene_finalize(GObject *object)
{
    KioskFakeSceneSrc *self = (KioskFakeSceneSrc *)object;
    g_array_unref(self->entries);
    G_OBJECT_CLASS(kiosk_fake_scene_src_parent_class)->finalize(object);
}

static void kiosk_fake_scene_src_class_init(KioskFakeSceneSrcClass *klass)
{
    GObjectClass *object_class = G_OBJECT_CLASS(klass);
    GstElementClass *element_class = GST_ELEMENT_CLASS(klass);
    GstBaseSrcClass *base_class = GST_BASE_SRC_CLASS(klass);
    object_class->finalize = scene_finalize;
    object_class->set_property = scene_set_property;
    object_class->get_property = scene_get_property;
    g_object_class_install_property(
        object_class, PROP_SCENE,
        g_param_spec_string("scene", "Scene", "PATH[@SECONDS] entries separated by ';'", NULL,
                            G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS));
    g_object_class_install_property(object_class, PROP_FPS,
                                    g_param_spec_int("fps", "Frame rate", "Frames per second", 1,
                                                     120, 30,
                                                     G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
    base_class->set_caps = scene_set_caps;
    base_class->fixate = scene_fixate;
    base_class->unlock = scene_unlock;
    base_class->unlock_stop = scene_unlock_stop;
    base_class->stop = scene_stop;
    GST_PUSH_SRC_CLASS(klass)->create = scene_create;
    gst_element_class_add_static_pad_template(element_class, &src_template);
    gst_element_class_set_static_metadata(element_class, "Kiosk fake scene", "Source/Video",
                                          "Plays stills and videos like a webcam",
                                          "Onboarding Kiosk");
}

static void kiosk_fake_scene_src_init(KioskFakeSceneSrc *self)
{
    self->entries = g_array_new(FALSE, TRUE, sizeof(SceneEntry));
    g_array_set_clear_func(self->entries, entry_clear);
    self->fps = 30;
    self->control_index = -1;
    gst_base_src_set_live(GST_BASE_SRC(self), TRUE);
    gst_base_src_set_format(GST_BASE_SRC(self), GST_FORMAT_TIME);
}

static gboolean is_still(const gchar *path)
{
    static const char *const still[] = {".png", ".jpg", ".jpeg", ".bmp", ".ppm"};
    gchar *lower = g_ascii_strdown(path, -1);
    gboolean result = FALSE;
    for (gsize i = 0; i < G_N_ELEMENTS(still); ++i)
        result = result || g_str_has_suffix(lower, still[i]);
    g_free(lower);
    return result;
}

static gboolean scene_parse(KioskFakeSceneSrc *self, const gchar *scene, GError **error)
{
    g_array_set_size(self->entries, 0);
    gchar **parts = g_strsplit(scene ? scene : "", ";", -1);
    gboolean ok = TRUE;
    for (gchar **p = parts; ok && *p; ++p) {
        gchar *item = g_strstrip(*p);
        if (!*item)
            continue;
        SceneEntry e;
        memset(&e, 0, sizeof(e));
        gchar *at = strrchr(item, '@');
        if (at) {
            *at = '\0';
            e.seconds = g_ascii_strtod(at + 1, NULL);
        }
        if (!g_file_test(item, G_FILE_TEST_IS_REGULAR)) {
            g_set_error(error, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_NOT_FOUND,
                        "scene file %s not found", item);
            ok = FALSE;
            break;
        }
        e.path = g_strdup(item);
        e.still = is_still(e.path);
        g_array_append_val(self->entries, e);
    }
    g_strfreev(parts);
    if (ok && self->entries->len == 0) {
        g_set_error(error, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_NOT_FOUND, "empty scene");
        ok = FALSE;
    }
    if (!ok)
        g_array_set_size(self->entries, 0);
    self->current = 0;
    return ok;
}

static void scene_set_property(GObject *object, guint id, const GValue *value, GParamSpec *spec)
{
    KioskFakeSceneSrc *self = (KioskFakeSceneSrc *)object;
    if (id == PROP_SCENE) {
        GError *error = NULL;
        if (!scene_parse(self, g_value_get_string(value), &error))
            GST_WARNING_OBJECT(self, "%s", error->message);
        g_clear_error(&error);
    } else if (id == PROP_FPS) {
        self->fps = g_value_get_int(value);
    } else {
        G_OBJECT_WARN_INVALID_PROPERTY_ID(object, id, spec);
    }
}

static void scene_get_property(GObject *object, guint id, GValue *value, GParamSpec *spec)
{
    KioskFakeSceneSrc *self = (KioskFakeSceneSrc *)object;
    if (id == PROP_FPS)
        g_value_set_int(value, self->fps);
    else if (id == PROP_SCENE)
        g_value_set_string(value, NULL);
    else
        G_OBJECT_WARN_INVALID_PROPERTY_ID(object, id, spec);
}

GstElement *kiosk_fake_scene_new(const gchar *scene, gint index, gint fps, GError **error)
{
    KioskFakeSceneSrc *self =
        g_object_new(KIOSK_TYPE_FAKE_SCENE_SRC, "fps", fps > 0 ? fps : 30, NULL);
    if (!scene_parse(self, scene, error)) {
        gst_object_unref(gst_object_ref_sink(self));
        return NULL;
    }
    if (index >= 0) {
        self->current = CLAMP(index, 0, (gint)self->entries->len - 1);
        self->control_index = index;
    }
    return GST_ELEMENT(self);
}
