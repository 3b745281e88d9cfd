<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar_EG" sourcelanguage="en">
<context>
    <name>ApiError</name>
    <message>
        <source>No error.</source>
        <translation>لا يوجد خطأ.</translation>
    </message>
    <message>
        <source>The service rejected the request as invalid. Check the input and the settings, then try again.</source>
        <translation>رفضت الخدمة الطلب لأنه غير صالح. تحقق من البيانات المدخلة والإعدادات، ثم حاول مرة أخرى.</translation>
    </message>
    <message>
        <source>The session has expired or the credentials were rejected. Sign in again.</source>
        <translation>انتهت صلاحية الجلسة أو تم رفض بيانات الدخول. سجّل الدخول مرة أخرى.</translation>
    </message>
    <message>
        <source>This account is not allowed to do this. Ask an administrator for the required permission.</source>
        <translation>هذا الحساب غير مسموح له بتنفيذ هذه العملية. اطلب الصلاحية اللازمة من المسؤول.</translation>
    </message>
    <message>
        <source>The signer has not finished identity verification yet, or this account is not the document&apos;s sender. Try again later.</source>
        <translation>لم يُكمل الموقّع التحقق من الهوية بعد، أو أن هذا الحساب ليس مُرسل المستند. حاول مرة أخرى لاحقًا.</translation>
    </message>
    <message>
        <source>The service does not know this address or record. Check the service URL and the identifiers.</source>
        <translation>لا تعرف الخدمة هذا العنوان أو هذا السجل. تحقق من عنوان الخدمة والمعرّفات.</translation>
    </message>
    <message>
        <source>Too many requests were sent. Wait a moment and try again.</source>
        <translation>تم إرسال عدد كبير جدًا من الطلبات. انتظر قليلًا ثم حاول مرة أخرى.</translation>
    </message>
    <message>
        <source>The service has a problem (HTTP status %1). Try again in a few minutes.</source>
        <translation>توجد مشكلة في الخدمة (حالة HTTP رقم %1). حاول مرة أخرى بعد بضع دقائق.</translation>
    </message>
    <message>
        <source>The service answered with HTTP status %1. Try again; if this repeats, contact support.</source>
        <translation>ردّت الخدمة بحالة HTTP رقم %1. حاول مرة أخرى؛ وإذا تكرر ذلك فاتصل بالدعم الفني.</translation>
    </message>
    <message>
        <source>The service did not answer in time. Check the network connection and try again.</source>
        <translation>لم ترد الخدمة في الوقت المحدد. تحقق من اتصال الشبكة وحاول مرة أخرى.</translation>
    </message>
    <message>
        <source>The service refused the connection. Check the service URL and that the server is running.</source>
        <translation>رفضت الخدمة الاتصال. تحقق من عنوان الخدمة ومن أن الخادم يعمل.</translation>
    </message>
    <message>
        <source>The service&apos;s host name could not be found. Check the network connection and the service URL.</source>
        <translation>تعذّر العثور على اسم خادم الخدمة. تحقق من اتصال الشبكة ومن عنوان الخدمة.</translation>
    </message>
    <message>
        <source>A secure connection could not be established (certificate or TLS error). Check the system clock and the service URL.</source>
        <translation>تعذّر إنشاء اتصال آمن (خطأ في الشهادة أو في TLS). تحقق من ساعة النظام ومن عنوان الخدمة.</translation>
    </message>
    <message>
        <source>A network error interrupted the request. Check the connection and try again.</source>
        <translation>قطع خطأ في الشبكة الطلب. تحقق من الاتصال وحاول مرة أخرى.</translation>
    </message>
    <message>
        <source>The request was cancelled.</source>
        <translation>تم إلغاء الطلب.</translation>
    </message>
    <message>
        <source>The service sent an answer that could not be read. Try again; if this repeats, contact support.</source>
        <translation>أرسلت الخدمة ردًا تعذّرت قراءته. حاول مرة أخرى؛ وإذا تكرر ذلك فاتصل بالدعم الفني.</translation>
    </message>
    <message>
        <source>The service URL must start with https:// (http:// is allowed only for this computer: 127.0.0.1 or ::1).</source>
        <translation>يجب أن يبدأ عنوان الخدمة بـ https:// (يُسمح بـ http:// لهذا الجهاز فقط: 127.0.0.1 أو ::1).</translation>
    </message>
    <message>
        <source>The service sent an answer far larger than this call allows; it was refused. Check the service URL; if this repeats, contact support.</source>
        <translation>أرسلت الخدمة ردًا أكبر بكثير مما يسمح به هذا الطلب، فرُفض. تحقق من عنوان الخدمة؛ وإذا تكرر ذلك فاتصل بالدعم الفني.</translation>
    </message>
    <message>
        <source>The service redirected the request to another host; the redirect was refused so that no credentials leave for it. Check the service URL.</source>
        <translation>أعادت الخدمة توجيه الطلب إلى خادم آخر؛ ورُفضت إعادة التوجيه حتى لا تُرسل بيانات الدخول إليه. تحقق من عنوان الخدمة.</translation>
    </message>
    <message>
        <source>The request was not sent because its input is missing or invalid (for example an empty image or one that is not JPEG or PNG).</source>
        <translation>لم يُرسل الطلب لأن بياناته ناقصة أو غير صالحة (مثل صورة فارغة أو صورة ليست بصيغة JPEG أو PNG).</translation>
    </message>
    <message>
        <source>No access token is available for this call. Sign in first.</source>
        <translation>لا يوجد رمز دخول لهذا الطلب. سجّل الدخول أولًا.</translation>
    </message>
</context>
<context>
    <name>VlensError</name>
    <message>
        <source>The ID number could not be read. Align the card in the frame, improve the light and the focus, then capture again.</source>
        <translation>تعذّرت قراءة الرقم القومي. اضبط البطاقة داخل الإطار وحسّن الإضاءة والتركيز، ثم أعد الالتقاط.</translation>
    </message>
    <message>
        <source>The birth date could not be read. Align the card in the frame, improve the light and the focus, then capture again.</source>
        <translation>تعذّرت قراءة تاريخ الميلاد. اضبط البطاقة داخل الإطار وحسّن الإضاءة والتركيز، ثم أعد الالتقاط.</translation>
    </message>
    <message>
        <source>The governorate could not be read. Align the card in the frame, improve the light and the focus, then capture again.</source>
        <translation>تعذّرت قراءة المحافظة. اضبط البطاقة داخل الإطار وحسّن الإضاءة والتركيز، ثم أعد الالتقاط.</translation>
    </message>
    <message>
        <source>The card&apos;s ID key could not be read. Align the card in the frame, improve the light and the focus, then capture again.</source>
        <translation>تعذّرت قراءة رمز البطاقة (ID key). اضبط البطاقة داخل الإطار وحسّن الإضاءة والتركيز، ثم أعد الالتقاط.</translation>
    </message>
    <message>
        <source>The gender could not be read. Align the card in the frame, improve the light and the focus, then capture again.</source>
        <translation>تعذّرت قراءة النوع. اضبط البطاقة داخل الإطار وحسّن الإضاءة والتركيز، ثم أعد الالتقاط.</translation>
    </message>
    <message>
        <source>The release date could not be read. Align the card in the frame, improve the light and the focus, then capture again.</source>
        <translation>تعذّرت قراءة تاريخ الإصدار. اضبط البطاقة داخل الإطار وحسّن الإضاءة والتركيز، ثم أعد الالتقاط.</translation>
    </message>
    <message>
        <source>The birth date was read in a wrong format. Capture the card again; if this repeats, contact support.</source>
        <translation>قُرئ تاريخ الميلاد بصيغة خاطئة. أعد التقاط البطاقة؛ وإذا تكرر ذلك فاتصل بالدعم الفني.</translation>
    </message>
    <message>
        <source>The release date was read in a wrong format. Capture the card again; if this repeats, contact support.</source>
        <translation>قُرئ تاريخ الإصدار بصيغة خاطئة. أعد التقاط البطاقة؛ وإذا تكرر ذلك فاتصل بالدعم الفني.</translation>
    </message>
    <message>
        <source>The expiry date was read in a wrong format. Capture the back of the card again; if this repeats, contact support.</source>
        <translation>قُرئ تاريخ الانتهاء بصيغة خاطئة. أعد التقاط ظهر البطاقة؛ وإذا تكرر ذلك فاتصل بالدعم الفني.</translation>
    </message>
    <message>
        <source>The ID card has expired. Ask the customer for a valid national ID card.</source>
        <translation>انتهت صلاحية بطاقة الرقم القومي. اطلب من العميل بطاقة رقم قومي سارية.</translation>
    </message>
    <message>
        <source>No ID card was detected in the image. Place the whole card inside the frame on a plain background and capture again.</source>
        <translation>لم يتم العثور على بطاقة في الصورة. ضع البطاقة كاملة داخل الإطار على خلفية سادة ثم أعد الالتقاط.</translation>
    </message>
    <message>
        <source>The machine-readable code on the back could not be validated. Capture the back again, flat and in focus.</source>
        <translation>تعذّر التحقق من الرمز المقروء آليًا على ظهر البطاقة. أعد التقاط الظهر والبطاقة مستوية وواضحة.</translation>
    </message>
    <message>
        <source>No face was found in the photo on the ID card. Capture the front again without glare on the photo.</source>
        <translation>لم يتم العثور على وجه في صورة البطاقة. أعد التقاط الوجه الأمامي للبطاقة دون انعكاس ضوء على الصورة.</translation>
    </message>
    <message>
        <source>The ID number on the front differs from the one on the back. Make sure both sides are of the same card and capture them again.</source>
        <translation>الرقم القومي على الوجه الأمامي يختلف عن الرقم على الظهر. تأكد أن الوجهين لنفس البطاقة وأعد التقاطهما.</translation>
    </message>
    <message>
        <source>The API key was rejected. Check the API key in the kiosk settings.</source>
        <translation>تم رفض مفتاح الواجهة البرمجية (API key). تحقق من المفتاح في إعدادات الجهاز.</translation>
    </message>
    <message>
        <source>The subscription balance is used up. Ask the administrator to recharge the Vlens bundle.</source>
        <translation>نفد رصيد الاشتراك. اطلب من المسؤول إعادة شحن باقة Vlens.</translation>
    </message>
    <message>
        <source>The allowed number of trial requests is exceeded. Ask the administrator to upgrade the Vlens subscription.</source>
        <translation>تم تجاوز العدد المسموح به من الطلبات التجريبية. اطلب من المسؤول ترقية اشتراك Vlens.</translation>
    </message>
    <message>
        <source>This service is not part of the subscribed bundle. Ask the administrator to add it.</source>
        <translation>هذه الخدمة ليست ضمن الباقة المشترك فيها. اطلب من المسؤول إضافتها.</translation>
    </message>
    <message>
        <source>The subscription bundle is disabled. Ask the administrator to contact Vlens.</source>
        <translation>باقة الاشتراك معطّلة. اطلب من المسؤول التواصل مع Vlens.</translation>
    </message>
    <message>
        <source>The tenant is not subscribed to this service. Ask the administrator to subscribe.</source>
        <translation>الجهة غير مشتركة في هذه الخدمة. اطلب من المسؤول الاشتراك فيها.</translation>
    </message>
    <message>
        <source>The subscription has expired. Ask the administrator to renew it.</source>
        <translation>انتهى الاشتراك. اطلب من المسؤول تجديده.</translation>
    </message>
    <message>
        <source>More than one face is visible. Make sure only the customer is in front of the camera and capture again.</source>
        <translation>يظهر أكثر من وجه. تأكد أن العميل وحده أمام الكاميرا ثم أعد الالتقاط.</translation>
    </message>
    <message>
        <source>No face was detected. Ask the customer to face the camera with the whole face visible and capture again.</source>
        <translation>لم يتم اكتشاف وجه. اطلب من العميل النظر إلى الكاميرا مع ظهور الوجه كاملًا ثم أعد الالتقاط.</translation>
    </message>
    <message>
        <source>No face was detected in the face images. Improve the light on the customer&apos;s face and capture again.</source>
        <translation>لم يتم اكتشاف وجه في صور الوجه. حسّن الإضاءة على وجه العميل ثم أعد الالتقاط.</translation>
    </message>
    <message>
        <source>The face is not clear. Ask the customer to hold still and remove glasses or hat, then capture again.</source>
        <translation>الوجه غير واضح. اطلب من العميل الثبات وخلع النظارة أو القبعة، ثم أعد الالتقاط.</translation>
    </message>
    <message>
        <source>The face could not be checked. Capture the face again in good light, looking straight at the camera.</source>
        <translation>تعذّر التحقق من الوجه. أعد التقاط الوجه في إضاءة جيدة مع النظر مباشرة إلى الكاميرا.</translation>
    </message>
    <message>
        <source>The verification service reported a general error. Try again; if this repeats, contact support with the request id.</source>
        <translation>أبلغت خدمة التحقق عن خطأ عام. حاول مرة أخرى؛ وإذا تكرر ذلك فاتصل بالدعم الفني مع رقم الطلب.</translation>
    </message>
    <message>
        <source>This document type is not supported. Use an Egyptian national ID card.</source>
        <translation>نوع المستند غير مدعوم. استخدم بطاقة رقم قومي مصرية.</translation>
    </message>
    <message>
        <source>The image is larger than 5 MB. Capture again with a lower resolution or stronger compression.</source>
        <translation>حجم الصورة أكبر من 5 ميجابايت. أعد الالتقاط بدقة أقل أو بضغط أعلى.</translation>
    </message>
    <message>
        <source>The image has more than 25 megapixels. Capture again with a lower resolution.</source>
        <translation>الصورة أكبر من 25 ميجابكسل. أعد الالتقاط بدقة أقل.</translation>
    </message>
    <message>
        <source>The transaction id or the access token is not valid. Restart the verification from the beginning.</source>
        <translation>رقم المعاملة أو رمز الدخول غير صالح. ابدأ عملية التحقق من جديد.</translation>
    </message>
    <message>
        <source>This does not look like a real document (a copy or a screen). Use the original card.</source>
        <translation>لا يبدو هذا مستندًا أصليًا (نسخة مصورة أو شاشة). استخدم البطاقة الأصلية.</translation>
    </message>
    <message>
        <source>The image is out of focus. Hold the card still and capture again.</source>
        <translation>الصورة غير واضحة (خارج التركيز). ثبّت البطاقة ثم أعد الالتقاط.</translation>
    </message>
    <message>
        <source>The image was sent to the wrong step (for example the back as the front). Capture the requested side of the card.</source>
        <translation>أُرسلت الصورة إلى خطوة خاطئة (مثل إرسال الظهر على أنه الوجه). التقط الوجه المطلوب من البطاقة.</translation>
    </message>
    <message>
        <source>The service could not assign the extracted fields. Capture the card again; if this repeats, contact support.</source>
        <translation>تعذّر على الخدمة تعيين الحقول المستخرجة. أعد التقاط البطاقة؛ وإذا تكرر ذلك فاتصل بالدعم الفني.</translation>
    </message>
    <message>
        <source>The verification service could not process the request. Try again; if this repeats, contact support.</source>
        <translation>تعذّر على خدمة التحقق معالجة الطلب. حاول مرة أخرى؛ وإذا تكرر ذلك فاتصل بالدعم الفني.</translation>
    </message>
    <message>
        <source>More than one card was detected. Place a single card in the frame and capture again.</source>
        <translation>تم اكتشاف أكثر من بطاقة. ضع بطاقة واحدة فقط داخل الإطار ثم أعد الالتقاط.</translation>
    </message>
    <message>
        <source>The front of the card could not be processed. Capture the front again.</source>
        <translation>تعذّرت معالجة الوجه الأمامي للبطاقة. أعد التقاط الوجه الأمامي.</translation>
    </message>
    <message>
        <source>The back of the card could not be processed. Capture the back again.</source>
        <translation>تعذّرت معالجة ظهر البطاقة. أعد التقاط الظهر.</translation>
    </message>
    <message>
        <source>The photo on the card could not be processed. Capture the front again with the photo clearly visible.</source>
        <translation>تعذّرت معالجة الصورة الموجودة على البطاقة. أعد التقاط الوجه الأمامي مع ظهور الصورة بوضوح.</translation>
    </message>
    <message>
        <source>The face images could not be processed. Capture the face again.</source>
        <translation>تعذّرت معالجة صور الوجه. أعد التقاط الوجه.</translation>
    </message>
    <message>
        <source>The liveness check could not be processed. Capture the face again, following the instructions on the screen.</source>
        <translation>تعذّرت معالجة فحص الحيوية. أعد التقاط الوجه مع اتباع التعليمات على الشاشة.</translation>
    </message>
    <message>
        <source>The extracted data could not be processed. Capture the card again; if this repeats, contact support.</source>
        <translation>تعذّرت معالجة البيانات المستخرجة. أعد التقاط البطاقة؛ وإذا تكرر ذلك فاتصل بالدعم الفني.</translation>
    </message>
    <message>
        <source>The face does not match the photo on the ID card. Make sure the card holder is the person in front of the camera.</source>
        <translation>الوجه لا يطابق الصورة الموجودة على البطاقة. تأكد أن صاحب البطاقة هو الشخص الموجود أمام الكاميرا.</translation>
    </message>
    <message>
        <source>The verification service reported error %1. Try again; if this repeats, contact support with the request id.</source>
        <translation>أبلغت خدمة التحقق عن الخطأ %1. حاول مرة أخرى؛ وإذا تكرر ذلك فاتصل بالدعم الفني مع رقم الطلب.</translation>
    </message>
</context>
<context>
    <name>Guidance</name>
    <message>
        <source>Place your ID card inside the frame</source>
        <translation>ضع بطاقة الرقم القومي داخل الإطار</translation>
    </message>
    <message>
        <source>Move the card closer</source>
        <translation>قرّب البطاقة من الكاميرا</translation>
    </message>
    <message>
        <source>Move the card back so all of it is visible</source>
        <translation>أبعد البطاقة قليلاً حتى تظهر كاملة</translation>
    </message>
    <message>
        <source>Hold the card flat and straight</source>
        <translation>أمسك البطاقة مستوية ومستقيمة</translation>
    </message>
    <message>
        <source>Tilt the card slightly to avoid glare</source>
        <translation>أمِل البطاقة قليلاً لتجنّب لمعان الضوء</translation>
    </message>
    <message>
        <source>The picture is blurred: hold the card steady</source>
        <translation>الصورة غير واضحة: ثبّت البطاقة</translation>
    </message>
    <message>
        <source>Too dark: move to better light</source>
        <translation>الإضاءة ضعيفة: انتقل إلى مكان أفضل إضاءة</translation>
    </message>
    <message>
        <source>Too bright: move away from direct light</source>
        <translation>الإضاءة شديدة: ابتعد عن الضوء المباشر</translation>
    </message>
    <message>
        <source>Hold still</source>
        <translation>اثبت بلا حركة</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>جاهز</translation>
    </message>
    <message>
        <source>Look at the camera</source>
        <translation>انظر إلى الكاميرا</translation>
    </message>
    <message>
        <source>Only one person in front of the camera, please</source>
        <translation>من فضلك، شخص واحد فقط أمام الكاميرا</translation>
    </message>
    <message>
        <source>Come closer to the camera</source>
        <translation>اقترب من الكاميرا</translation>
    </message>
    <message>
        <source>Move back a little from the camera</source>
        <translation>ابتعد قليلاً عن الكاميرا</translation>
    </message>
    <message>
        <source>Centre your face in the frame</source>
        <translation>ضع وجهك في منتصف الإطار</translation>
    </message>
    <message>
        <source>Turn the card over</source>
        <translation>اقلب البطاقة على وجهها الآخر</translation>
    </message>
</context>
<context>
    <name>Camera</name>
    <message>
        <source>This camera offers at most %1x%2; ID cards need at least %3x%4. Connect a 1080p USB webcam.</source>
        <translation>هذه الكاميرا تعطي %1x%2 على الأكثر، وتحتاج البطاقة إلى %3x%4 على الأقل. وصّل كاميرا ويب USB بدقة 1080p.</translation>
    </message>
</context>
<context>
    <name>PrivateFile</name>
    <message>
        <source>%1 is a symbolic link: it is not followed, nothing was saved</source>
        <translation>%1 رابط رمزي: لا يُتبع، ولم يُحفظ شيء</translation>
    </message>
    <message>
        <source>%1 is not a regular file: nothing was saved</source>
        <translation>%1 ليس ملفًا عاديًا: لم يُحفظ شيء</translation>
    </message>
    <message>
        <source>%1 already exists</source>
        <translation>%1 موجود بالفعل</translation>
    </message>
    <message>
        <source>%1 could not be written: %2</source>
        <translation>تعذّرت كتابة %1: %2</translation>
    </message>
    <message>
        <source>%1 could not be replaced</source>
        <translation>تعذّر استبدال %1</translation>
    </message>
    <message>
        <source>the data is not an image (its first bytes match no known image format): nothing was saved to %1</source>
        <translation>البيانات ليست صورة (لا تطابق بداياتها أي صيغة صور معروفة): لم يُحفظ شيء في %1</translation>
    </message>
</context>
</TS>
