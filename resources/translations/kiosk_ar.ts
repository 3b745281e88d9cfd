<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar_EG" sourcelanguage="en">
<context>
    <name>QGuiApplication</name>
    <message>
        <source>QT_LAYOUT_DIRECTION</source>
        <translation>RTL</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Onboarding Kiosk</source>
        <translation>كشك التسجيل</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>أهلاً بك</translation>
    </message>
    <message>
        <source>العربية</source>
        <comment>The name of the other language, in that language</comment>
        <translation>English</translation>
    </message>
    <message>
        <source>This kiosk will verify your identity in three short steps:</source>
        <translation>سيتحقق هذا الجهاز من هويتك في ثلاث خطوات قصيرة:</translation>
    </message>
    <message>
        <source>1. The front of your national ID card
2. The back of your national ID card
3. A short look at the camera</source>
        <translation>١. الوجه الأمامي لبطاقة الرقم القومي
٢. الوجه الخلفي لبطاقة الرقم القومي
٣. نظرة قصيرة إلى الكاميرا</translation>
    </message>
    <message>
        <source>The capture pages are coming in the next release. Please ask the agent for help.</source>
        <translation>صفحات التصوير قادمة في الإصدار القادم. يرجى طلب المساعدة من الموظف.</translation>
    </message>
</context>
<context>
    <name>kiosk::MainWindow</name>
    <message>
        <source>Identity service: not configured</source>
        <translation>خدمة التحقق من الهوية: غير مُعدّة</translation>
    </message>
    <message>
        <source>Identity service: %1</source>
        <translation>خدمة التحقق من الهوية: %1</translation>
    </message>
</context>
<context>
    <name>AuditWidget</name>
    <message>
        <source>Customer audit</source>
        <translation>مراجعة بيانات العميل</translation>
    </message>
    <message>
        <source>&amp;Vlens verification</source>
        <translation>تحقق &amp;Vlens</translation>
    </message>
    <message>
        <source>Search a customer by phone number (+20…) or email to see the images stored when the identity was verified.</source>
        <translation>ابحث عن العميل برقم الهاتف (⁦+20…⁩) أو بالبريد الإلكتروني لعرض الصور المحفوظة عند التحقق من هويته.</translation>
    </message>
    <message>
        <source>C&amp;ustomer:</source>
        <translation>ال&amp;عميل:</translation>
    </message>
    <message>
        <source>+201001234567 or name@example.com</source>
        <translation>⁦+201001234567⁩ أو name@example.com</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;بحث</translation>
    </message>
    <message>
        <source>&amp;BoldSign verification</source>
        <translation>تحقق &amp;BoldSign</translation>
    </message>
    <message>
        <source>&amp;Document ID:</source>
        <translation>رقم ال&amp;مستند:</translation>
    </message>
    <message>
        <source>Signer reached by:</source>
        <translation>وسيلة التواصل مع الموقّع:</translation>
    </message>
    <message>
        <source>E&amp;mail</source>
        <translation>البريد الإل&amp;كتروني</translation>
    </message>
    <message>
        <source>&amp;Phone (SMS)</source>
        <translation>ال&amp;هاتف (رسالة نصية)</translation>
    </message>
    <message>
        <source>Signer &amp;email:</source>
        <translation>البريد الإلكتروني لل&amp;موقّع:</translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation>name@example.com</translation>
    </message>
    <message>
        <source>Country &amp;code:</source>
        <translation>&amp;رمز الدولة:</translation>
    </message>
    <message>
        <source>P&amp;hone number:</source>
        <translation>رقم ال&amp;هاتف:</translation>
    </message>
    <message>
        <source>Signer &amp;order:</source>
        <translation>&amp;ترتيب الموقّع:</translation>
    </message>
    <message>
        <source>&amp;Get report</source>
        <translation>&amp;عرض التقرير</translation>
    </message>
    <message>
        <source>Verification report</source>
        <translation>تقرير التحقق</translation>
    </message>
    <message>
        <source>Result:</source>
        <translation>النتيجة:</translation>
    </message>
    <message>
        <source>Verified on:</source>
        <translation>تاريخ التحقق:</translation>
    </message>
    <message>
        <source>Document type:</source>
        <translation>نوع المستند:</translation>
    </message>
    <message>
        <source>Country:</source>
        <translation>الدولة:</translation>
    </message>
    <message>
        <source>Document expires:</source>
        <translation>تاريخ انتهاء المستند:</translation>
    </message>
    <message>
        <source>Document files:</source>
        <translation>ملفات المستند:</translation>
    </message>
    <message>
        <source>Selfie file:</source>
        <translation>ملف الصورة الذاتية:</translation>
    </message>
    <message>
        <source>Ca&amp;ncel</source>
        <translation>إل&amp;غاء</translation>
    </message>
    <message>
        <source>Stop the requests in progress</source>
        <translation>إيقاف الطلبات الجارية</translation>
    </message>
</context>
<context>
    <name>ImageViewerDialog</name>
    <message>
        <source>Customer image</source>
        <translation>صورة العميل</translation>
    </message>
    <message>
        <source>The image at full size</source>
        <translation>الصورة بحجمها الكامل</translation>
    </message>
    <message>
        <source>&amp;Fit to window</source>
        <translation>&amp;ملاءمة النافذة</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>ت&amp;صدير…</translation>
    </message>
    <message>
        <source>Save this image to a folder you choose (it is the customer&apos;s personal data)</source>
        <translation>حفظ هذه الصورة في مجلد تختاره (إنها من البيانات الشخصية للعميل)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>إ&amp;غلاق</translation>
    </message>
</context>
<context>
    <name>kiosk::AuditWidget</name>
    <message>
        <source>ID card, front</source>
        <translation>البطاقة، الوجه الأمامي</translation>
    </message>
    <message>
        <source>ID card, back</source>
        <translation>البطاقة، الوجه الخلفي</translation>
    </message>
    <message>
        <source>Liveness</source>
        <translation>التحقق من الحيوية</translation>
    </message>
    <message>
        <source>Face 1</source>
        <translation>صورة الوجه ١</translation>
    </message>
    <message>
        <source>Face 2</source>
        <translation>صورة الوجه ٢</translation>
    </message>
    <message>
        <source>Face 3</source>
        <translation>صورة الوجه ٣</translation>
    </message>
    <message>
        <source>Selfie</source>
        <translation>الصورة الذاتية</translation>
    </message>
    <message>
        <source>Document image %1</source>
        <translation>صورة المستند %1</translation>
    </message>
    <message>
        <source>BoldSign is not configured on this kiosk.</source>
        <translation>خدمة BoldSign غير مُعدّة على هذا الجهاز.</translation>
    </message>
    <message>
        <source>Enter the customer&apos;s phone number or email.</source>
        <translation>أدخل رقم هاتف العميل أو بريده الإلكتروني.</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>جارٍ البحث…</translation>
    </message>
    <message>
        <source>No customer with this phone number or email is known to the identity service.</source>
        <translation>لا يوجد لدى خدمة التحقق من الهوية عميل بهذا الرقم أو البريد الإلكتروني.</translation>
    </message>
    <message>
        <source>Your agent account may not view customer images: it needs the “Requests” permission.</source>
        <translation>حساب الموظف الخاص بك غير مسموح له بعرض صور العملاء: يلزمه تصريح ”Requests“.</translation>
    </message>
    <message>
        <source>Search cancelled.</source>
        <translation>أُلغي البحث.</translation>
    </message>
    <message>
        <source>Your agent sign-in is no longer valid. Sign in again.</source>
        <translation>لم يعد تسجيل دخولك كموظف صالحًا. سجّل الدخول مرة أخرى.</translation>
    </message>
    <message>
        <source>The search failed.</source>
        <translation>تعذّر البحث.</translation>
    </message>
    <message>
        <source>The service did not say which transaction holds this image, so it cannot be fetched.</source>
        <translation>لم تحدد الخدمة المعاملة التي تحتوي على هذه الصورة، لذا يتعذّر جلبها.</translation>
    </message>
    <message>
        <source>This customer has no stored images: no verification step was completed.</source>
        <translation>لا توجد صور محفوظة لهذا العميل: لم تكتمل أي خطوة من خطوات التحقق.</translation>
    </message>
    <message>
        <source>The service listed images without their transaction, so they cannot be fetched.</source>
        <translation>أدرجت الخدمة الصور دون المعاملة الخاصة بها، لذا يتعذّر جلبها.</translation>
    </message>
    <message>
        <source>Transaction %1: %2 of %3 images stored.</source>
        <translation>المعاملة %1: %2 من %3 صور محفوظة.</translation>
    </message>
    <message>
        <source>The image could not be fetched.</source>
        <translation>تعذّر جلب الصورة.</translation>
    </message>
    <message>
        <source>Enter the document ID and the signer&apos;s email, or country code and phone number.</source>
        <translation>أدخل رقم المستند والبريد الإلكتروني للموقّع، أو رمز الدولة ورقم الهاتف.</translation>
    </message>
    <message>
        <source>Fetching the verification report…</source>
        <translation>جارٍ جلب تقرير التحقق…</translation>
    </message>
    <message>
        <source>This signer has not verified their identity yet, or this BoldSign account did not send the document.</source>
        <translation>لم يُكمل هذا الموقّع التحقق من هويته بعد، أو أن حساب BoldSign هذا ليس مُرسِل المستند.</translation>
    </message>
    <message>
        <source>BoldSign did not accept the document ID or the signer. Check both.</source>
        <translation>لم تقبل خدمة BoldSign رقم المستند أو الموقّع. راجع كليهما.</translation>
    </message>
    <message>
        <source>BoldSign rejected this kiosk&apos;s API key. Ask an administrator to check the settings.</source>
        <translation>رفضت خدمة BoldSign مفتاح الواجهة البرمجية لهذا الجهاز. اطلب من المسؤول مراجعة الإعدادات.</translation>
    </message>
    <message>
        <source>Report request cancelled.</source>
        <translation>أُلغي طلب التقرير.</translation>
    </message>
    <message>
        <source>The verification report could not be fetched.</source>
        <translation>تعذّر جلب تقرير التحقق.</translation>
    </message>
    <message>
        <source>Images in the report: %1</source>
        <translation>عدد الصور في التقرير: %1</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>ناجح</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>غير ناجح</translation>
    </message>
    <message>
        <source>%1 (%2: %3)</source>
        <translation>%1 (%2: %3)</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>غير مذكور</translation>
    </message>
    <message>
        <source>none</source>
        <translation>لا يوجد</translation>
    </message>
    <message>
        <source>Request ID for support: %1</source>
        <translation>رقم الطلب للدعم الفني: %1</translation>
    </message>
</context>
<context>
    <name>kiosk::ImageExporter</name>
    <message>
        <source>Choose a folder for %1</source>
        <translation>اختر مجلدًا لحفظ %1</translation>
    </message>
    <message>
        <source>Save this customer image to %1?

It is the customer&apos;s personal data: keep it only as long as the audit needs it, then delete it.</source>
        <translation>هل تريد حفظ صورة العميل هذه في %1؟

إنها من البيانات الشخصية للعميل: احتفظ بها طوال مدة المراجعة فقط، ثم احذفها.</translation>
    </message>
    <message>
        <source>%1 already exists. Replace it?</source>
        <translation>الملف %1 موجود بالفعل. هل تريد استبداله؟</translation>
    </message>
    <message>
        <source>Export image</source>
        <translation>تصدير الصورة</translation>
    </message>
    <message>
        <source>Saved to %1 (readable only by you). Delete it when the audit is done.</source>
        <translation>حُفظت في %1 (يمكنك أنت وحدك قراءتها). احذفها عند انتهاء المراجعة.</translation>
    </message>
    <message>
        <source>Export cancelled: nothing was saved.</source>
        <translation>أُلغي التصدير: لم يُحفظ أي شيء.</translation>
    </message>
    <message>
        <source>%1 already exists and was not replaced: nothing was saved.</source>
        <translation>الملف %1 موجود بالفعل ولم يُستبدل: لم يُحفظ أي شيء.</translation>
    </message>
    <message>
        <source>The image could not be saved: %1</source>
        <translation>تعذّر حفظ الصورة: %1</translation>
    </message>
    <message>
        <source>%1 already exists</source>
        <translation>الملف %1 موجود بالفعل</translation>
    </message>
    <message>
        <source>%1 could not be replaced</source>
        <translation>تعذّر استبدال %1</translation>
    </message>
</context>
<context>
    <name>kiosk::ImageThumbnail</name>
    <message>
        <source>The file is not an image this kiosk can show.</source>
        <translation>الملف ليس صورة يستطيع هذا الجهاز عرضها.</translation>
    </message>
    <message>
        <source>Not stored</source>
        <translation>غير محفوظة</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>جارٍ التحميل…</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>Failed: press to retry</source>
        <translation>تعذّر: اضغط لإعادة المحاولة</translation>
    </message>
</context>
<context>
    <name>kiosk::ImageViewerDialog</name>
    <message>
        <source>%1 × %2 pixels, %3, %4</source>
        <translation>%1 × %2 بكسل، %3، %4</translation>
    </message>
</context>
</TS>
