<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja">
<context>
    <name>ApprovalPanel</name>
    <message>
        <source>A supervisor approves: tap your name, then type your PIN.</source>
        <translation>責任者の承認が必要です。名前をタップし、暗証番号を入力してください。</translation>
    </message>
    <message>
        <source>Supervisor&apos;s PIN</source>
        <translation>責任者の暗証番号</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>暗証番号</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>戻る</translation>
    </message>
    <message>
        <source>Nobody on this device may approve this.</source>
        <translation>この端末には承認できるスタッフがいません。</translation>
    </message>
    <message>
        <source>Tap the supervisor&apos;s name first.</source>
        <translation>先に責任者の名前をタップしてください。</translation>
    </message>
</context>
<context>
    <name>BootstrapView</name>
    <message>
        <source>Getting this device ready</source>
        <translation>この端末を準備しています</translation>
    </message>
    <message>
        <source>Downloading the catalog, prices and stock…</source>
        <translation>商品、価格、在庫をダウンロードしています…</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>再試行</translation>
    </message>
    <message>
        <source>catalog</source>
        <translation>商品マスタ</translation>
    </message>
    <message>
        <source>prices</source>
        <translation>価格</translation>
    </message>
    <message>
        <source>stock</source>
        <translation>在庫</translation>
    </message>
    <message>
        <source>staff</source>
        <translation>スタッフ</translation>
    </message>
    <message>
        <source>stores</source>
        <translation>店舗</translation>
    </message>
    <message>
        <source>tax rates</source>
        <translation>税率</translation>
    </message>
    <message>
        <source>Downloading {0}…</source>
        <translation>{0}をダウンロードしています…</translation>
    </message>
    <message>
        <source> · about {0} s left</source>
        <translation> · 残り約{0}秒</translation>
    </message>
    <message>
        <source>{rows} of {total} rows · {rate} rows/s</source>
        <translation>{rows} / {total} 件 · {rate} 件/秒</translation>
    </message>
    <message>
        <source>Could not finish the download: {0}. Nothing is lost; it continues where it stopped.</source>
        <translation>ダウンロードを完了できませんでした: {0}。データは失われていません。中断した所から再開します。</translation>
    </message>
    <message>
        <source>central is not reachable</source>
        <translation>本部サーバーに接続できません</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <source>One fewer</source>
        <translation>1つ減らす</translation>
    </message>
    <message>
        <source>One more</source>
        <translation>1つ増やす</translation>
    </message>
    <message>
        <source>Or the shelf has:</source>
        <translation>または棚の実数:</translation>
    </message>
    <message>
        <source>count</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Why?</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Note (needed for “Other”)</source>
        <translation>メモ (「その他」の場合は必須)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Save correction</source>
        <translation>修正を保存</translation>
    </message>
    <message>
        <source>{delta}   (in store: {before} → {after})</source>
        <translation>{delta}   (店舗在庫: {before} → {after})</translation>
    </message>
    <message>
        <source>That is what the figures already say, so there is nothing to save.</source>
        <translation>現在の数値と同じため、保存する内容はありません。</translation>
    </message>
    <message>
        <source>Choose a reason.</source>
        <translation>理由を選択してください。</translation>
    </message>
    <message>
        <source>Tap your name, then type your PIN.</source>
        <translation>名前をタップし、暗証番号を入力してください。</translation>
    </message>
</context>
<context>
    <name>CustomerDisplay</name>
    <message>
        <source>Aisle — customer display</source>
        <translation>Aisle — お客様用ディスプレイ</translation>
    </message>
    <message>
        <source>Total {0}</source>
        <translation>合計 {0}</translation>
    </message>
    <message>
        <source>Paid {0}</source>
        <translation>お預かり {0}</translation>
    </message>
</context>
<context>
    <name>CustomerSheet</name>
    <message>
        <source>Customer</source>
        <translation>お客様</translation>
    </message>
    <message>
        <source>Remove from this sale</source>
        <translation>この会計から外す</translation>
    </message>
    <message>
        <source>Phone, e-mail or name</source>
        <translation>電話番号、メール、氏名</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>検索</translation>
    </message>
    <message>
        <source>Recent customers</source>
        <translation>最近のお客様</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <source>e.g. Hanako Yamada</source>
        <translation>例: 山田 花子</translation>
    </message>
    <message>
        <source>Reading (optional)</source>
        <translation>フリガナ (任意)</translation>
    </message>
    <message>
        <source>e.g. やまだ はなこ</source>
        <translation>例: やまだ はなこ</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>メール</translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation>name@example.com</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>電話番号</translation>
    </message>
    <message>
        <source>e.g. 090-1234-5678</source>
        <translation>例: 090-1234-5678</translation>
    </message>
    <message>
        <source>An e-mail or a phone number is needed, so the customer can be found again.</source>
        <translation>後で検索できるよう、メールまたは電話番号が必要です。</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>新規顧客</translation>
    </message>
    <message>
        <source>‹ Back</source>
        <translation>‹ 戻る</translation>
    </message>
    <message>
        <source>Save and attach</source>
        <translation>保存して登録</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source> · member</source>
        <translation> · 会員</translation>
    </message>
    <message>
        <source>On this sale: {name}{group}</source>
        <translation>この会計: {name}{group}</translation>
    </message>
    <message>
        <source>No customer served here yet.</source>
        <translation>この店舗で対応したお客様はまだいません。</translation>
    </message>
    <message>
        <source>Nobody found. Check the spelling, or make a new customer.</source>
        <translation>見つかりません。表記を確認するか、新規顧客を登録してください。</translation>
    </message>
    <message>
        <source>The first 20 customers found: type more to narrow it down.</source>
        <translation>最初の20件を表示しています。さらに入力して絞り込んでください。</translation>
    </message>
    <message>
        <source>Tap a customer to put them on this sale.</source>
        <translation>お客様をタップしてこの会計に登録します。</translation>
    </message>
    <message>
        <source>not at central yet</source>
        <translation>本部に未送信</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>検索しています…</translation>
    </message>
    <message>
        <source>Attach {name}</source>
        <translation>{name}様を登録</translation>
    </message>
</context>
<context>
    <name>DayCharts</name>
    <message>
        <source>Sales by hour</source>
        <translation>時間帯別売上</translation>
    </message>
    <message>
        <source>Tender mix</source>
        <translation>支払方法別</translation>
    </message>
    <message>
        <source>Top items</source>
        <translation>売れ筋商品</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>スタッフ</translation>
    </message>
    <message>
        <source>No sales.</source>
        <translation>売上はありません。</translation>
    </message>
</context>
<context>
    <name>DeliverySheet</name>
    <message>
        <source>Delivery</source>
        <translation>配送</translation>
    </message>
    <message>
        <source>Find or add…</source>
        <translation>検索・追加…</translation>
    </message>
    <message>
        <source>To the customer</source>
        <translation>お客様へ</translation>
    </message>
    <message>
        <source>To a store</source>
        <translation>店舗へ</translation>
    </message>
    <message>
        <source>Japan 日本</source>
        <translation>日本</translation>
    </message>
    <message>
        <source>Germany</source>
        <translation>ドイツ</translation>
    </message>
    <message>
        <source>Tap to change the address</source>
        <translation>タップして住所を変更</translation>
    </message>
    <message>
        <source>Delivery option</source>
        <translation>配送方法</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Use this delivery</source>
        <translation>この配送にする</translation>
    </message>
    <message>
        <source>{0}
Tap to change the address</source>
        <translation>{0}
タップして住所を変更</translation>
    </message>
    <message>
        <source>Who is it for? A recent customer, or find one.</source>
        <translation>どなた宛てですか?最近のお客様から選ぶか、検索してください。</translation>
    </message>
    <message>
        <source>For {name}</source>
        <translation>{name}様宛て</translation>
    </message>
    <message>
        <source>Someone else…</source>
        <translation>別の方…</translation>
    </message>
    <message>
        <source>Prefecture (都道府県)</source>
        <translation>都道府県</translation>
    </message>
    <message>
        <source>State (optional)</source>
        <translation>州 (任意)</translation>
    </message>
    <message>
        <source>This store has no delivery option to this country: sync, or ask head office.</source>
        <translation>この店舗にはこの国への配送方法がありません。同期するか、本部に確認してください。</translation>
    </message>
    <message>
        <source>Choose who the order is for first.</source>
        <translation>先に注文のお客様を選択してください。</translation>
    </message>
    <message>
        <source>Choose a delivery option.</source>
        <translation>配送方法を選択してください。</translation>
    </message>
</context>
<context>
    <name>DenominationPad</name>
    <message>
        <source>Pieces of %s</source>
        <translation>%s の枚数</translation>
    </message>
</context>
<context>
    <name>EnrollView</name>
    <message>
        <source>Set up this device</source>
        <translation>この端末の設定</translation>
    </message>
    <message>
        <source>Scan the enrolment QR code from head office, or type the address and code below.</source>
        <translation>本部から届いた登録用QRコードを読み取るか、下にアドレスとコードを入力してください。</translation>
    </message>
    <message>
        <source>Central address, e.g. https://central.example.com</source>
        <translation>本部アドレス (例: https://central.example.com)</translation>
    </message>
    <message>
        <source>Enrolment code, e.g. K7QF-3MZP-9XTA</source>
        <translation>登録コード (例: K7QF-3MZP-9XTA)</translation>
    </message>
    <message>
        <source>Enrol this device</source>
        <translation>この端末を登録</translation>
    </message>
    <message>
        <source>Read QR code from a picture…</source>
        <translation>画像からQRコードを読み取る…</translation>
    </message>
    <message>
        <source>Central</source>
        <translation>本部</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>コード</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Enrol again</source>
        <translation>再登録</translation>
    </message>
    <message>
        <source>QR code picture</source>
        <translation>QRコードの画像</translation>
    </message>
    <message>
        <source>That picture cannot be read ({0}).</source>
        <translation>この画像は読み取れません ({0})。</translation>
    </message>
    <message>
        <source>Contacting central…</source>
        <translation>本部に接続しています…</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>登録済み</translation>
    </message>
    <message>
        <source>Enrol this device again?</source>
        <translation>この端末を再登録しますか?</translation>
    </message>
    <message>
        <source>Not enrolled again: nothing was changed.</source>
        <translation>再登録しませんでした。変更はありません。</translation>
    </message>
</context>
<context>
    <name>GiftCardSheet</name>
    <message>
        <source>Gift card {0}</source>
        <translation>ギフトカード {0}</translation>
    </message>
    <message>
        <source>Asking central for its balance…</source>
        <translation>本部に残高を照会しています…</translation>
    </message>
    <message>
        <source>Load, paid in cash</source>
        <translation>チャージ (現金払い)</translation>
    </message>
    <message>
        <source>Other amount</source>
        <translation>その他の金額</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>チャージ</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Not sold yet: a load sells and activates it.</source>
        <translation>未販売です。チャージで販売・有効化されます。</translation>
    </message>
    <message>
        <source>Balance {0}</source>
        <translation>残高 {0}</translation>
    </message>
    <message>
        <source>(as this till last saw it: central cannot be reached)</source>
        <translation>(このレジの最終確認値。本部に接続できません)</translation>
    </message>
    <message>
        <source>Type the amount to load, like 3000 or 25.00.</source>
        <translation>チャージ金額を入力してください (例: 3000、25.00)。</translation>
    </message>
    <message>
        <source>Loaded {0}: take {0} in cash. The card has it as soon as central does.</source>
        <translation>{0}をチャージしました。現金{0}を受け取ってください。本部反映後にカードで使えます。</translation>
    </message>
    <message>
        <source>No shift is open on this till: the cash is on no drawer count.</source>
        <translation>シフト未開始のため、この現金はドロア在高に含まれません。</translation>
    </message>
    <message>
        <source>Void this load ({0})</source>
        <translation>このチャージを取消 ({0})</translation>
    </message>
    <message>
        <source>Load voided: give back {0} in cash.</source>
        <translation>チャージを取り消しました。現金{0}をお返しください。</translation>
    </message>
</context>
<context>
    <name>KioskView</name>
    <message>
        <source>Scan your pickup code</source>
        <translation>受け取りコードをかざしてください</translation>
    </message>
    <message>
        <source>Hold the QR code from your “ready for pickup” e-mail under the scanner.</source>
        <translation>「受け取り準備完了」メールのQRコードをスキャナーにかざしてください。</translation>
    </message>
    <message>
        <source>Sorry, that did not work. Please ask at the counter.</source>
        <translation>申し訳ありません、読み取れませんでした。カウンターでお尋ねください。</translation>
    </message>
</context>
<context>
    <name>LanguageSheet</name>
    <message>
        <source>Language of your screens</source>
        <translation>表示言語</translation>
    </message>
    <message>
        <source>Kept on this till for you; the next person sees the store&apos;s language until they choose.</source>
        <translation>このレジにあなた用として保存されます。次のスタッフには、選択するまで店舗の言語で表示されます。</translation>
    </message>
    <message>
        <source>Text on this till</source>
        <translation>このレジの文字表示</translation>
    </message>
    <message>
        <source>Text size {0} %</source>
        <translation>文字サイズ {0} %</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>ハイコントラスト</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Finish or park the sale first: the screens are made again in the new language.</source>
        <translation>先に会計を終えるか保留してください。画面が新しい言語で作り直されます。</translation>
    </message>
    <message>
        <source>The store&apos;s language: {language}</source>
        <translation>店舗の言語: {language}</translation>
    </message>
    <message>
        <source>This till is set to {language} for everyone (AISLE_LANGUAGE).</source>
        <translation>このレジは全員 {language} に固定されています（AISLE_LANGUAGE）。</translation>
    </message>
</context>
<context>
    <name>LineRow</name>
    <message>
        <source>Tap for quantity, discount or price</source>
        <translation>タップで数量・値引き・価格を変更</translation>
    </message>
    <message>
        <source>One fewer</source>
        <translation>1つ減らす</translation>
    </message>
    <message>
        <source>One more</source>
        <translation>1つ増やす</translation>
    </message>
    <message>
        <source>Remove this line</source>
        <translation>この明細を削除</translation>
    </message>
    <message>
        <source>Delivered to the customer</source>
        <translation>お客様へ配送</translation>
    </message>
    <message>
        <source>{n} to return</source>
        <translation>返品 {n}点</translation>
    </message>
    <message>
        <source>One unit fewer</source>
        <translation>1点減らす</translation>
    </message>
    <message>
        <source>One unit more</source>
        <translation>1点増やす</translation>
    </message>
</context>
<context>
    <name>LineSheet</name>
    <message>
        <source>Discount on the whole basket</source>
        <translation>全体値引き</translation>
    </message>
    <message>
        <source>{q} × {p} = {t}</source>
        <translation>{q} × {p} = {t}</translation>
    </message>
    <message>
        <source>Basket total {0}</source>
        <translation>合計 {0}</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>% off</source>
        <translation>% 引き</translation>
    </message>
    <message>
        <source>Amount off</source>
        <translation>金額値引き</translation>
    </message>
    <message>
        <source>New price</source>
        <translation>価格変更</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>値引き</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>No discount</source>
        <translation>値引きなし</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>適用</translation>
    </message>
    <message>
        <source>Type how many, as a whole number.</source>
        <translation>数量を整数で入力してください。</translation>
    </message>
    <message>
        <source>Type an amount, like 500 or 12.50.</source>
        <translation>金額を入力してください (例: 500、12.50)。</translation>
    </message>
    <message>
        <source>Choose a reason.</source>
        <translation>理由を選択してください。</translation>
    </message>
</context>
<context>
    <name>LoyaltySheet</name>
    <message>
        <source>{points} points</source>
        <translation>{points} ポイント</translation>
    </message>
    <message>
        <source>{tier}: {benefits}</source>
        <translation>{tier}: {benefits}</translation>
    </message>
    <message>
        <source>{n} more on their way from sales not yet at central</source>
        <translation>本部未反映の会計から{n}ポイント加算予定</translation>
    </message>
    <message>
        <source>Store credit {0}</source>
        <translation>ストアクレジット {0}</translation>
    </message>
    <message>
        <source>Central cannot be reached: these are this till&apos;s figures from its last sync. Points used now are checked by central later.</source>
        <translation>本部に接続できません。このレジの最終同期時の数値です。今使うポイントは後で本部が確認します。</translation>
    </message>
    <message>
        <source>Stop using {n} points</source>
        <translation>{n}ポイントの利用を取消</translation>
    </message>
    <message>
        <source>Use {n} points: −{value}</source>
        <translation>{n}ポイント利用: −{value}</translation>
    </message>
    <message>
        <source>No points to use on this basket</source>
        <translation>この会計で使えるポイントはありません</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Aisle — {store}</source>
        <translation>Aisle — {store}</translation>
    </message>
    <message>
        <source>‹ Results</source>
        <translation>‹ 検索結果</translation>
    </message>
    <message>
        <source>Search name, SKU or barcode — or scan</source>
        <translation>商品名・SKU・バーコードで検索、またはスキャン</translation>
    </message>
    <message>
        <source>Clear the search</source>
        <translation>検索をクリア</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>ログオフ</translation>
    </message>
    <message>
        <source>Sell</source>
        <translation>販売</translation>
    </message>
    <message>
        <source>Settings: printer and card terminal</source>
        <translation>設定: プリンターとカード端末</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Language of your screens</source>
        <translation>表示言語</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <source>Shift: float, cash in and out, X and Z reports</source>
        <translation>シフト: 釣銭準備金、入出金、X・Zレポート</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>シフト</translation>
    </message>
    <message>
        <source>Returns: scan a return code or receipt</source>
        <translation>返品: 返品コードかレシートをスキャン</translation>
    </message>
    <message>
        <source>Returns</source>
        <translation>返品</translation>
    </message>
    <message>
        <source>More: shift, settings, language, sign out</source>
        <translation>その他: シフト、設定、言語、ログオフ</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>検索結果</translation>
    </message>
    <message>
        <source>Search or scan an item</source>
        <translation>商品を検索またはスキャン</translation>
    </message>
    <message>
        <source>Stock here, in nearby stores and in the warehouse shows up here.</source>
        <translation>この店舗、近隣店舗、倉庫の在庫がここに表示されます。</translation>
    </message>
    <message>
        <source>Stock by colour and size</source>
        <translation>色とサイズ別の在庫</translation>
    </message>
    <message>
        <source>{low} low · {out} out · * includes a correction not yet confirmed</source>
        <translation>{low} 残りわずか · {out} 在庫なし · * 未確認の修正を含む</translation>
    </message>
    <message>
        <source>Correct stock…</source>
        <translation>在庫を修正…</translation>
    </message>
    <message>
        <source>Tap a size in the grid first.</source>
        <translation>先に表のサイズをタップしてください。</translation>
    </message>
    <message>
        <source>Add to sale</source>
        <translation>会計に追加</translation>
    </message>
    <message>
        <source>Ship to customer</source>
        <translation>お客様へ配送</translation>
    </message>
    <message>
        <source>Paid here, delivered to the customer&apos;s address</source>
        <translation>店頭で支払い、お客様の住所へ配送</translation>
    </message>
    <message>
        <source>Ship to store…</source>
        <translation>店舗へ配送…</translation>
    </message>
    <message>
        <source>Paid here, sent to a store for pickup</source>
        <translation>店頭で支払い、店舗で受け取り</translation>
    </message>
    <message>
        <source>Nearby stores and warehouses</source>
        <translation>近隣店舗と倉庫</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>拠点</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>種別</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>在庫数</translation>
    </message>
    <message>
        <source>As of</source>
        <translation>時点</translation>
    </message>
    <message>
        <source>‹</source>
        <translation>‹</translation>
    </message>
    <message>
        <source>Back to the results</source>
        <translation>検索結果に戻る</translation>
    </message>
    <message>
        <source>Nothing matches “{0}”.</source>
        <translation>「{0}」に一致する商品はありません。</translation>
    </message>
    <message>
        <source>This item is no longer in the catalog.</source>
        <translation>この商品は商品マスタから削除されています。</translation>
    </message>
    <message>
        <source>Members {0}</source>
        <translation>会員 {0}</translation>
    </message>
    <message>
        <source>low</source>
        <translation>残りわずか</translation>
    </message>
    <message>
        <source>out of stock</source>
        <translation>在庫なし</translation>
    </message>
    <message>
        <source>No picture</source>
        <translation>画像なし</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>倉庫</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>店舗</translation>
    </message>
    <message>
        <source>live</source>
        <translation>リアルタイム</translation>
    </message>
    <message>
        <source>not known offline</source>
        <translation>オフラインのため不明</translation>
    </message>
    <message>
        <source>as of {0}</source>
        <translation>{0}時点</translation>
    </message>
    <message>
        <source>Tap a size to see it elsewhere or correct its count.</source>
        <translation>サイズをタップすると他店在庫の確認や在庫修正ができます。</translation>
    </message>
    <message>
        <source> (includes {0} not yet confirmed)</source>
        <translation> (未確定 {0} を含む)</translation>
    </message>
    <message>
        <source>{what}: {n} in this store</source>
        <translation>{what}: この店舗に{n}点</translation>
    </message>
    <message>
        <source>Saved: {what} {delta}. It goes to central by itself.</source>
        <translation>保存しました: {what} {delta}。本部へ自動で送信されます。</translation>
    </message>
    <message>
        <source>Central cannot be reached. Working from data as of {0}; what you save is sent later.</source>
        <translation>本部に接続できません。{0}時点のデータで動作中です。保存した内容は後で送信されます。</translation>
    </message>
    <message>
        <source>Connecting to central…</source>
        <translation>本部に接続しています…</translation>
    </message>
    <message>
        <source>Connected to central · last sync {0}</source>
        <translation>本部に接続済み · 最終同期 {0}</translation>
    </message>
    <message>
        <source>Downloading everything again…</source>
        <translation>すべて再ダウンロードしています…</translation>
    </message>
    <message>
        <source>Everything was downloaded again.</source>
        <translation>すべて再ダウンロードしました。</translation>
    </message>
    <message>
        <source>Downloading everything again: {what}{pct}</source>
        <translation>すべて再ダウンロード中: {what}{pct}</translation>
    </message>
</context>
<context>
    <name>NoReceiptSheet</name>
    <message>
        <source>Return without a receipt</source>
        <translation>レシートなしの返品</translation>
    </message>
    <message>
        <source>Refunded as store credit to the customer, with a manager&apos;s approval.</source>
        <translation>店長の承認でストアクレジットに返金します。</translation>
    </message>
    <message>
        <source>Item: scan or type its barcode or SKU</source>
        <translation>商品: バーコードかSKUをスキャン・入力</translation>
    </message>
    <message>
        <source>Customer: phone, e-mail or name</source>
        <translation>お客様: 電話番号、メール、氏名</translation>
    </message>
    <message>
        <source>A manager approves: tap your name, then type your PIN.</source>
        <translation>店長の承認が必要です。名前をタップし、暗証番号を入力してください。</translation>
    </message>
    <message>
        <source>Manager&apos;s PIN</source>
        <translation>店長の暗証番号</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Ask a manager</source>
        <translation>店長に承認を依頼</translation>
    </message>
    <message>
        <source>{item} · {amount} as store credit to {who}</source>
        <translation>{item} · {amount}を{who}様のストアクレジットへ</translation>
    </message>
</context>
<context>
    <name>NumberPad</name>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
</context>
<context>
    <name>OrdersButton</name>
    <message>
        <source>Orders: deliveries sold here, to decide, ship or refund</source>
        <translation>注文: この店舗で販売した配送注文の判断・発送・返金</translation>
    </message>
    <message>
        <source>Orders {0}</source>
        <translation>注文 {0}</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>注文</translation>
    </message>
    <message>
        <source>Orders: {0} need you</source>
        <translation>注文: {0}件 要対応</translation>
    </message>
</context>
<context>
    <name>OrdersView</name>
    <message>
        <source>‹ Look up</source>
        <translation>‹ 商品検索</translation>
    </message>
    <message>
        <source>Orders to deliver</source>
        <translation>配送注文</translation>
    </message>
    <message>
        <source>‹ Orders</source>
        <translation>‹ 注文</translation>
    </message>
    <message>
        <source>Mark shipped</source>
        <translation>発送済みにする</translation>
    </message>
    <message>
        <source>‹</source>
        <translation>‹</translation>
    </message>
    <message>
        <source>Nothing here.</source>
        <translation>ありません。</translation>
    </message>
    <message>
        <source>not numbered yet</source>
        <translation>番号未採番</translation>
    </message>
    <message>
        <source>Order {0} · {1}</source>
        <translation>注文 {0} · {1}</translation>
    </message>
    <message>
        <source>Paid with receipt {0}</source>
        <translation>レシート {0} で支払い済み</translation>
    </message>
    <message>
        <source>Not sent to central yet: it goes with the next sync.</source>
        <translation>本部に未送信です。次回の同期で送信されます。</translation>
    </message>
    <message>
        <source>Central has not confirmed this order yet (offline?): it finds the stock once it does.</source>
        <translation>本部がまだこの注文を確認していません (オフライン?)。確認後に在庫を引き当てます。</translation>
    </message>
    <message>
        <source>Shipped with {0}, tracking {1}</source>
        <translation>{0}で発送済み、追跡番号 {1}</translation>
    </message>
    <message>
        <source>No location had the stock. What now?</source>
        <translation>在庫のある拠点がありませんでした。どうしますか?</translation>
    </message>
    <message>
        <source>Ship from {0} ({1} by this till&apos;s figures)</source>
        <translation>{0}から発送 (このレジの数値で{1}点)</translation>
    </message>
    <message>
        <source>No other location shows stock on this till either.</source>
        <translation>このレジでも在庫のある拠点は他にありません。</translation>
    </message>
    <message>
        <source>Wait for stock (central tries again)</source>
        <translation>入荷を待つ (本部が再試行)</translation>
    </message>
    <message>
        <source>Cancel and refund the customer</source>
        <translation>キャンセルして返金</translation>
    </message>
    <message>
        <source>Owed to the customer: {0}</source>
        <translation>お客様への返金額: {0}</translation>
    </message>
    <message>
        <source>Refund {0} in cash</source>
        <translation>{0}を現金で返金</translation>
    </message>
    <message>
        <source>Refund {0} to the card</source>
        <translation>{0}をカードに返金</translation>
    </message>
    <message>
        <source>This store ships it: carrier and tracking number</source>
        <translation>この店舗から発送: 配送業者と追跡番号</translation>
    </message>
    <message>
        <source>Tracking number</source>
        <translation>追跡番号</translation>
    </message>
    <message>
        <source>Sent: central ships it from there.</source>
        <translation>送信しました。本部がその拠点から発送します。</translation>
    </message>
    <message>
        <source>Sent: central tries again when stock comes in.</source>
        <translation>送信しました。入荷時に本部が再試行します。</translation>
    </message>
    <message>
        <source>Cancelled: the refund shows here once central confirms it.</source>
        <translation>キャンセルしました。本部の確認後、返金がここに表示されます。</translation>
    </message>
    <message>
        <source>Give the customer {0} from the drawer.</source>
        <translation>ドロアから{0}をお客様にお渡しください。</translation>
    </message>
    <message>
        <source>{0} went back to the card.</source>
        <translation>{0}をカードに返金しました。</translation>
    </message>
    <message>
        <source>Choose the carrier the parcel left with.</source>
        <translation>荷物を引き渡した配送業者を選択してください。</translation>
    </message>
    <message>
        <source>Shipped: central e-mails the customer the tracking link.</source>
        <translation>発送済み。本部からお客様に追跡リンクをメールします。</translation>
    </message>
</context>
<context>
    <name>ParkedSheet</name>
    <message>
        <source>Parked baskets</source>
        <translation>保留中の会計</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>読み込み中…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>No basket is parked on this device.</source>
        <translation>この端末に保留中の会計はありません。</translation>
    </message>
    <message>
        <source>1 item</source>
        <translation>1点</translation>
    </message>
    <message>
        <source>{0} items</source>
        <translation>{0}点</translation>
    </message>
    <message>
        <source>{when} · {what} · {total} — Resume</source>
        <translation>{when} · {what} · {total} — 呼び出し</translation>
    </message>
</context>
<context>
    <name>PickupRow</name>
    <message>
        <source>● Customer waiting at the counter</source>
        <translation>● お客様がカウンターでお待ちです</translation>
    </message>
    <message>
        <source> from shelf {0}</source>
        <translation> (棚 {0} から)</translation>
    </message>
    <message>
        <source>⟲ Put the bag back on the sales floor{0}</source>
        <translation>⟲ 袋の商品を売場に戻す{0}</translation>
    </message>
</context>
<context>
    <name>PickupView</name>
    <message>
        <source>‹ Look up</source>
        <translation>‹ 商品検索</translation>
    </message>
    <message>
        <source>Pickups</source>
        <translation>店舗受け取り</translation>
    </message>
    <message>
        <source>Order no.</source>
        <translation>注文番号</translation>
    </message>
    <message>
        <source>Customer&apos;s name</source>
        <translation>お客様氏名</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>検索</translation>
    </message>
    <message>
        <source>Shelf or bin</source>
        <translation>棚・ボックス</translation>
    </message>
    <message>
        <source>e.g. B-3</source>
        <translation>例: B-3</translation>
    </message>
    <message>
        <source>‹ Queue</source>
        <translation>‹ 一覧</translation>
    </message>
    <message>
        <source>Save, finish later</source>
        <translation>保存して後で続行</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>準備完了</translation>
    </message>
    <message>
        <source>The bag is on its shelf: central e-mails the customer their pickup code</source>
        <translation>袋を棚に置きました。本部からお客様に受け取りコードをメールします</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>ラベル</translation>
    </message>
    <message>
        <source>Print the bag label on this till&apos;s printer: number, name, shelf, QR</source>
        <translation>このレジのプリンターで袋ラベルを印刷: 番号、氏名、棚、QR</translation>
    </message>
    <message>
        <source>Back on the shelf</source>
        <translation>売場に戻した</translation>
    </message>
    <message>
        <source>The expired bag&apos;s items are back on the sales floor: central frees them</source>
        <translation>期限切れの袋の商品を売場に戻しました。本部が在庫を解放します</translation>
    </message>
    <message>
        <source>ID checked</source>
        <translation>本人確認済み</translation>
    </message>
    <message>
        <source>Found by number and name: look at the customer&apos;s ID first</source>
        <translation>番号と氏名で検索しました。先にお客様の身分証を確認してください</translation>
    </message>
    <message>
        <source>Someone else collects</source>
        <translation>代理人が受け取る</translation>
    </message>
    <message>
        <source>Name of the person collecting</source>
        <translation>受け取る方の氏名</translation>
    </message>
    <message>
        <source>Hand over</source>
        <translation>お渡し</translation>
    </message>
    <message>
        <source>Print the bag label again (a lost or torn one)</source>
        <translation>袋ラベルを再印刷 (紛失・破損時)</translation>
    </message>
    <message>
        <source>‹</source>
        <translation>‹</translation>
    </message>
    <message>
        <source>Back to looking up products</source>
        <translation>商品検索に戻る</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新規</translation>
    </message>
    <message>
        <source>Picking</source>
        <translation>ピッキング中</translation>
    </message>
    <message>
        <source>Collected</source>
        <translation>受け取り済み</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>期限切れ</translation>
    </message>
    <message>
        <source>Expired · cancelled</source>
        <translation>期限切れ · キャンセル</translation>
    </message>
    <message>
        <source>No new pickup orders.</source>
        <translation>新しい受け取り注文はありません。</translation>
    </message>
    <message>
        <source>No order is being picked.</source>
        <translation>ピッキング中の注文はありません。</translation>
    </message>
    <message>
        <source>No order waits on the shelf.</source>
        <translation>棚で待機中の注文はありません。</translation>
    </message>
    <message>
        <source>Nothing collected yet.</source>
        <translation>受け取り済みの注文はまだありません。</translation>
    </message>
    <message>
        <source>No expired or cancelled orders.</source>
        <translation>期限切れ・キャンセルの注文はありません。</translation>
    </message>
    <message>
        <source>Found by number and name: check the customer&apos;s ID, then tap “ID checked”.</source>
        <translation>番号と氏名で検索しました。お客様の身分証を確認し、「本人確認済み」をタップしてください。</translation>
    </message>
    <message>
        <source>Order {0}</source>
        <translation>ご注文 {0}</translation>
    </message>
    <message>
        <source>ordered just now</source>
        <translation>たった今注文</translation>
    </message>
    <message>
        <source>ordered {0} ago</source>
        <translation>{0}前に注文</translation>
    </message>
    <message>
        <source>pay on pickup</source>
        <translation>受け取り時支払い</translation>
    </message>
    <message>
        <source>paid online</source>
        <translation>オンライン決済済み</translation>
    </message>
    <message>
        <source>Not collected in time. Put the bag&apos;s items back on the sales floor{0}, then tap “Back on the shelf”.</source>
        <translation>期限内に受け取られませんでした。袋の商品を売場に戻し{0}、「売場に戻した」をタップしてください。</translation>
    </message>
    <message>
        <source> (shelf {0})</source>
        <translation> (棚 {0})</translation>
    </message>
    <message>
        <source>Back on the shelf; central freed its stock.</source>
        <translation>売場に戻しました。本部が在庫を解放しました。</translation>
    </message>
    <message>
        <source>Collected by {who} on {till}.</source>
        <translation>{till}で{who}が受け取りました。</translation>
    </message>
    <message>
        <source>the customer</source>
        <translation>お客様</translation>
    </message>
    <message>
        <source>Central: {0}</source>
        <translation>本部: {0}</translation>
    </message>
    <message>
        <source>Pickup</source>
        <translation>店舗受け取り</translation>
    </message>
    <message>
        <source>Scan each item as it goes into the bag.</source>
        <translation>袋に入れる商品を1点ずつスキャンしてください。</translation>
    </message>
    <message>
        <source>Missing {0}</source>
        <translation>欠品 {0}</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>欠品</translation>
    </message>
    <message>
        <source>Not on the shelf: the units not scanned are missing</source>
        <translation>棚にない: スキャンしていない分を欠品にします</translation>
    </message>
    <message>
        <source>{0} collected</source>
        <translation>{0}点 集品済み</translation>
    </message>
    <message>
        <source>Open an order to pick first, then scan its items.</source>
        <translation>先にピッキングする注文を開き、商品をスキャンしてください。</translation>
    </message>
    <message>
        <source>✓ {name}: {got} of {qty}</source>
        <translation>✓ {name}: {got} / {qty}</translation>
    </message>
    <message>
        <source>Type the shelf or bin the bag goes to, then tap Ready.</source>
        <translation>袋を置く棚・ボックスを入力し、「準備完了」をタップしてください。</translation>
    </message>
    <message>
        <source>Order {0} is ready on shelf {1}: central e-mails the customer their pickup code.</source>
        <translation>注文 {0} は棚 {1} で準備完了です。本部からお客様に受け取りコードをメールします。</translation>
    </message>
    <message>
        <source>Order {0} saved on shelf {1}; finish picking later.</source>
        <translation>注文 {0} を棚 {1} で保存しました。ピッキングは後で続けてください。</translation>
    </message>
    <message>
        <source>Bag label for order {0} printed.</source>
        <translation>注文 {0} の袋ラベルを印刷しました。</translation>
    </message>
    <message>
        <source>The bag label for order {0} waits for the printer ({1}); it prints when the printer is back.</source>
        <translation>注文 {0} の袋ラベルはプリンター待ちです ({1})。プリンターが復旧すると印刷されます。</translation>
    </message>
    <message>
        <source>Order {0} is back on the shelf: central frees its stock.</source>
        <translation>注文 {0} を売場に戻しました。本部が在庫を解放します。</translation>
    </message>
    <message>
        <source>✓ Genuine pickup code for this store</source>
        <translation>✓ この店舗の正規の受け取りコード</translation>
    </message>
    <message>
        <source>, valid until {0}</source>
        <translation>(有効期限 {0})</translation>
    </message>
    <message>
        <source>Handover</source>
        <translation>お渡し</translation>
    </message>
    <message>
        <source>Pickup code refused</source>
        <translation>受け取りコードが無効です</translation>
    </message>
    <message>
        <source>‹ Queue — find by number and name</source>
        <translation>‹ 一覧 — 番号と氏名で検索</translation>
    </message>
    <message>
        <source>On shelf {0}</source>
        <translation>棚 {0}</translation>
    </message>
    <message>
        <source>Shelf not recorded</source>
        <translation>棚未登録</translation>
    </message>
    <message>
        <source>Pay on pickup: {0}. “Take payment” rings the items up on the sell screen; the bag is handed over when the sale is paid (cash, card or both).</source>
        <translation>受け取り時支払い: {0}。「会計」で商品を販売画面に登録し、支払い (現金・カード・併用) が済んだら袋をお渡しします。</translation>
    </message>
    <message>
        <source>Tap to keep this line back (the customer takes the rest)</source>
        <translation>タップでこの明細を保留 (残りをお渡し)</translation>
    </message>
    <message>
        <source>Missing (not in the bag): {0}</source>
        <translation>欠品 (袋に入っていない): {0}</translation>
    </message>
    <message>
        <source>Kept back: {0} × {1}</source>
        <translation>お渡ししない: {0} × {1}</translation>
    </message>
    <message>
        <source>Pay {0}</source>
        <translation>会計 {0}</translation>
    </message>
    <message>
        <source>Take payment {0}</source>
        <translation>会計 {0}</translation>
    </message>
    <message>
        <source>Handed over: order {0} to {1}.</source>
        <translation>お渡ししました: 注文 {0} を{1}様へ。</translation>
    </message>
    <message>
        <source>Paid and handed over: order {0} to {1} (receipt {2}).</source>
        <translation>支払い・お渡し完了: 注文 {0} を{1}様へ (レシート {2})。</translation>
    </message>
    <message>
        <source>Type the order number and the customer&apos;s name.</source>
        <translation>注文番号とお客様の氏名を入力してください。</translation>
    </message>
</context>
<context>
    <name>PickupsButton</name>
    <message>
        <source>Pickups: click-and-collect orders to pick and hand over</source>
        <translation>店舗受け取り: ピッキングとお渡しを行う注文</translation>
    </message>
    <message>
        <source>Pickups {0}</source>
        <translation>受け取り {0}</translation>
    </message>
    <message>
        <source>Pickups</source>
        <translation>受け取り</translation>
    </message>
    <message>
        <source>Pickups: {0} waiting</source>
        <translation>店舗受け取り: {0}件 待機中</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Delete the last digit</source>
        <translation>1文字削除</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
</context>
<context>
    <name>ProblemsDialog</name>
    <message>
        <source>Sending to central</source>
        <translation>本部への送信</translation>
    </message>
    <message>
        <source>Problems talking to central</source>
        <translation>本部との通信の問題</translation>
    </message>
    <message>
        <source>Waiting to send, and rejected by central</source>
        <translation>送信待ち・本部で拒否</translation>
    </message>
    <message>
        <source>This device&apos;s data</source>
        <translation>この端末のデータ</translation>
    </message>
    <message>
        <source>Downloads the catalog, prices and stock again. What waits to be sent goes first; the data here stays usable until the new copy is complete.</source>
        <translation>商品マスタ、価格、在庫を再ダウンロードします。送信待ちのデータを先に送信します。新しいデータがそろうまで、現在のデータを引き続き使えます。</translation>
    </message>
    <message>
        <source>A manager approves.</source>
        <translation>店長の承認が必要です。</translation>
    </message>
    <message>
        <source>Download everything again</source>
        <translation>すべて再ダウンロード</translation>
    </message>
    <message>
        <source>Send selected again</source>
        <translation>選択項目を再送信</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>送信待ち</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>拒否</translation>
    </message>
    <message>
        <source>stuck</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Nothing waiting: everything was sent.</source>
        <translation>送信待ちはありません。すべて送信済みです。</translation>
    </message>
    <message>
        <source>Tap a rejected or stuck operation first.</source>
        <translation>先に拒否または停止した処理をタップしてください。</translation>
    </message>
    <message>
        <source>Downloading everything again needs a manager. Tap your name, then type your PIN.</source>
        <translation>すべての再ダウンロードには店長の承認が必要です。名前をタップし、暗証番号を入力してください。</translation>
    </message>
</context>
<context>
    <name>Reasons</name>
    <message>
        <source>Found more</source>
        <translation>多く見つかった</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>破損</translation>
    </message>
    <message>
        <source>Missing / theft</source>
        <translation>紛失・盗難</translation>
    </message>
    <message>
        <source>Count was wrong</source>
        <translation>数え間違い</translation>
    </message>
    <message>
        <source>Other (say why)</source>
        <translation>その他（理由を入力）</translation>
    </message>
</context>
<context>
    <name>ResultDelegate</name>
    <message>
        <source>{0} here</source>
        <translation>当店 {0}</translation>
    </message>
    <message>
        <source>not stocked</source>
        <translation>取扱なし</translation>
    </message>
</context>
<context>
    <name>Returns</name>
    <message>
        <source>Resellable</source>
        <translation>再販可</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>破損</translation>
    </message>
    <message>
        <source>Wrong item</source>
        <translation>別の商品</translation>
    </message>
    <message>
        <source>cash</source>
        <translation>現金</translation>
    </message>
    <message>
        <source>card</source>
        <translation>カード</translation>
    </message>
    <message>
        <source>store credit</source>
        <translation>ストアクレジット</translation>
    </message>
    <message>
        <source>gift card</source>
        <translation>ギフトカード</translation>
    </message>
</context>
<context>
    <name>ReturnsView</name>
    <message>
        <source>‹ Look up</source>
        <translation>‹ 商品検索</translation>
    </message>
    <message>
        <source>Returns</source>
        <translation>返品</translation>
    </message>
    <message>
        <source>Scan the customer&apos;s return code or receipt, or type the receipt number (or the card&apos;s last 4 digits: this till&apos;s card sales).</source>
        <translation>お客様の返品コードかレシートをスキャンするか、レシート番号 (またはカード下4桁: このレジのカード売上) を入力してください。</translation>
    </message>
    <message>
        <source>Receipt number, e.g. TKY01-3F2A1C-000042</source>
        <translation>レシート番号 (例: TKY01-3F2A1C-000042)</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>検索</translation>
    </message>
    <message>
        <source>No receipt…</source>
        <translation>レシートなし…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>All resellable</source>
        <translation>すべて再販可</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>返金</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>No card sale of this till ends in these digits.</source>
        <translation>このレジに、この下4桁のカード売上はありません。</translation>
    </message>
    <message>
        <source>Return {n}</source>
        <translation>返品 {n}</translation>
    </message>
    <message>
        <source>Receipt {n}</source>
        <translation>レシート {n}</translation>
    </message>
    <message>
        <source>receipt {r}</source>
        <translation>レシート {r}</translation>
    </message>
    <message>
        <source>checked offline</source>
        <translation>オフラインで確認</translation>
    </message>
    <message>
        <source>Grade each line to see the refund.</source>
        <translation>各明細の状態を選ぶと返金額が表示されます。</translation>
    </message>
    <message>
        <source>Nothing is taken back: a wrong item is handed back to the customer.</source>
        <translation>返品なし: 誤った商品はお客様にお返しします。</translation>
    </message>
    <message>
        <source>Back as paid: {parts}</source>
        <translation>支払い方法どおり返金: {parts}</translation>
    </message>
    <message>
        <source>Refund {amount}</source>
        <translation>{amount}を返金</translation>
    </message>
    <message>
        <source>Refunding… (a card refund waits for the terminal)</source>
        <translation>返金中… (カード返金は端末の応答待ち)</translation>
    </message>
    <message>
        <source>The card refund is queued: tell the customer it reaches their card once the terminal takes it.</source>
        <translation>カード返金は処理待ちです。端末が受け付け次第カードに返金されるとお客様にお伝えください。</translation>
    </message>
    <message>
        <source>{n} back on the shelf</source>
        <translation>{n}点を棚に戻す</translation>
    </message>
    <message>
        <source>{n} to quarantine</source>
        <translation>{n}点を隔離保管</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <source>Associate</source>
        <translation>スタッフ</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>責任者</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>店長</translation>
    </message>
</context>
<context>
    <name>SellView</name>
    <message>
        <source>Card — no card terminal set up on this till</source>
        <translation>カード — カード端末なし</translation>
    </message>
    <message>
        <source>‹ Look up</source>
        <translation>‹ 商品検索</translation>
    </message>
    <message>
        <source>Scan, or search to add</source>
        <translation>スキャン/検索</translation>
    </message>
    <message>
        <source>Scan an item, or search for it.</source>
        <translation>商品をスキャンするか、検索してください。</translation>
    </message>
    <message>
        <source>Basket</source>
        <translation>カート</translation>
    </message>
    <message>
        <source>Park</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>Put this basket aside and start another</source>
        <translation>この会計を保留して新しい会計を始める</translation>
    </message>
    <message>
        <source>Parked</source>
        <translation>保留中</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>値引き</translation>
    </message>
    <message>
        <source>A discount on the whole basket</source>
        <translation>会計全体の値引き</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>お客様</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>元に戻す</translation>
    </message>
    <message>
        <source>The basket is empty. Scan an item to start a sale.</source>
        <translation>カートは空です。商品をスキャンして会計を始めてください。</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合計</translation>
    </message>
    <message>
        <source>Pay</source>
        <translation>会計</translation>
    </message>
    <message>
        <source>Pay (F12)</source>
        <translation>支払い (F12)</translation>
    </message>
    <message>
        <source>‹</source>
        <translation>‹</translation>
    </message>
    <message>
        <source>Finish this payment first, or go back to the basket to add items.</source>
        <translation>先にこの支払いを完了するか、カートに戻って商品を追加してください。</translation>
    </message>
    <message>
        <source>Basket · 1 item</source>
        <translation>カート · 1点</translation>
    </message>
    <message>
        <source>Basket · {0} items</source>
        <translation>カート · {0}点</translation>
    </message>
    <message>
        <source>1 item</source>
        <translation>1点</translation>
    </message>
    <message>
        <source>{0} items</source>
        <translation>{0}点</translation>
    </message>
    <message>
        <source>saved {0}</source>
        <translation>{0} お得</translation>
    </message>
    <message>
        <source>incl. tax {0}</source>
        <translation>内税 {0}</translation>
    </message>
    <message>
        <source>tax {0}</source>
        <translation>税 {0}</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>小計</translation>
    </message>
    <message>
        <source>incl. tax</source>
        <translation>内税</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>税</translation>
    </message>
    <message>
        <source>Pay {0}</source>
        <translation>会計 {0}</translation>
    </message>
    <message>
        <source>Removed: {0}</source>
        <translation>削除しました: {0}</translation>
    </message>
    <message>
        <source>Delivery: tap to choose the customer, address and option</source>
        <translation>配送: タップしてお客様・住所・配送方法を選択</translation>
    </message>
    <message>
        <source>Sent to {where} for pickup
{option} · {days} · fee {fee}</source>
        <translation>{where}へ送付・店舗受け取り
{option} · {days} · 送料 {fee}</translation>
    </message>
    <message>
        <source>Delivered to the customer: {where}
{option} · {days} · fee {fee}</source>
        <translation>お客様へ配送: {where}
{option} · {days} · 送料 {fee}</translation>
    </message>
    <message>
        <source>Recent items — tap to add one more</source>
        <translation>最近の商品 — タップで1点追加</translation>
    </message>
    <message>
        <source>Tap an item, then its colour and size</source>
        <translation>商品をタップし、色とサイズを選択</translation>
    </message>
    <message>
        <source>Nothing matches.</source>
        <translation>一致する商品はありません。</translation>
    </message>
    <message>
        <source>Parked ({0}). Tap “Parked” to bring it back.</source>
        <translation>保留しました ({0})。「保留中」をタップすると呼び出せます。</translation>
    </message>
    <message>
        <source>Choose the customer and the delivery first.</source>
        <translation>先にお客様と配送を選択してください。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>Last sale: receipt {no} · {total} · change {change}</source>
        <translation>前回の会計: レシート {no} · {total} · お釣り {change}</translation>
    </message>
    <message>
        <source>Card unavailable: {0}</source>
        <translation>カード利用不可: {0}</translation>
    </message>
    <message>
        <source>Printed.</source>
        <translation>印刷しました。</translation>
    </message>
    <message>
        <source>Central e-mails the receipt to {0}.</source>
        <translation>本部から{0}へレシートをメールします。</translation>
    </message>
    <message>
        <source>Central refused {0}: check the address.</source>
        <translation>本部が{0}を受け付けませんでした。アドレスを確認してください。</translation>
    </message>
    <message>
        <source>Queued for {0}: it goes as soon as the till is online.</source>
        <translation>{0}宛てに送信待ちです。レジがオンラインになり次第送信します。</translation>
    </message>
</context>
<context>
    <name>SettingsSheet</name>
    <message>
        <source>The printer and the card terminal decide how this till takes money, so a supervisor or a manager opens these settings. Tap your name, then type your PIN.</source>
        <translation>プリンターとカード端末はこのレジの代金の受け取りに関わるため、この設定は責任者または店長が開きます。名前をタップし、暗証番号を入力してください。</translation>
    </message>
    <message>
        <source>Settings of this till</source>
        <translation>このレジの設定</translation>
    </message>
    <message>
        <source>Receipt printer</source>
        <translation>レシートプリンター</translation>
    </message>
    <message>
        <source>tcp://192.168.1.30:9100</source>
        <translation>tcp://192.168.1.30:9100</translation>
    </message>
    <message>
        <source>Printer address</source>
        <translation>プリンターのアドレス</translation>
    </message>
    <message>
        <source>Leave it empty if this till prints no receipts (they are still kept and can be e-mailed).</source>
        <translation>このレジでレシートを印刷しない場合は空欄にします (レシートは保存され、メール送信できます)。</translation>
    </message>
    <message>
        <source>48 columns</source>
        <translation>48桁</translation>
    </message>
    <message>
        <source>42 columns</source>
        <translation>42桁</translation>
    </message>
    <message>
        <source>Paper width</source>
        <translation>用紙幅</translation>
    </message>
    <message>
        <source>Most 80 mm printers print 48 columns; if the test page&apos;s ruler wraps, choose 42.</source>
        <translation>80 mmプリンターの多くは48桁です。テストページの目盛りが折り返す場合は42を選んでください。</translation>
    </message>
    <message>
        <source>Save printer</source>
        <translation>プリンターを保存</translation>
    </message>
    <message>
        <source>Print a test page</source>
        <translation>テスト印刷</translation>
    </message>
    <message>
        <source>Card terminal</source>
        <translation>カード端末</translation>
    </message>
    <message>
        <source>None</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>Simulated</source>
        <translation>シミュレーション</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>ネットワーク</translation>
    </message>
    <message>
        <source>Which terminal</source>
        <translation>端末の種類</translation>
    </message>
    <message>
        <source>https://192.168.1.20:8443/nexo/</source>
        <translation>https://192.168.1.20:8443/nexo/</translation>
    </message>
    <message>
        <source>Terminal address</source>
        <translation>端末のアドレス</translation>
    </message>
    <message>
        <source>V400m-123456789</source>
        <translation>V400m-123456789</translation>
    </message>
    <message>
        <source>POIID (the terminal&apos;s id, on its screen)</source>
        <translation>POIID (端末の画面に表示されるID)</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>パスフレーズ</translation>
    </message>
    <message>
        <source>e.g. AisleKey</source>
        <translation>例: AisleKey</translation>
    </message>
    <message>
        <source>Key id</source>
        <translation>キーID</translation>
    </message>
    <message>
        <source>Key version</source>
        <translation>キーバージョン</translation>
    </message>
    <message>
        <source>/etc/aisle/terminal-ca.pem</source>
        <translation>/etc/aisle/terminal-ca.pem</translation>
    </message>
    <message>
        <source>CA file</source>
        <translation>CAファイル</translation>
    </message>
    <message>
        <source>The file the terminal&apos;s certificate is checked against (from the payment provider).</source>
        <translation>端末の証明書を検証するファイルです (決済事業者から提供)。</translation>
    </message>
    <message>
        <source>The terminal may approve cards offline</source>
        <translation>オフライン時のカード承認を許可</translation>
    </message>
    <message>
        <source>Save terminal</source>
        <translation>端末を保存</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>接続テスト</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Opened with {name}&apos;s approval; each change is recorded with both your names.</source>
        <translation>{name}の承認で開きました。変更はすべて両名の名前で記録されます。</translation>
    </message>
    <message>
        <source>Central sets how much for this store: at most {0} a sale and {1} until the end of day.</source>
        <translation>この店舗の上限は本部が設定します: 1会計あたり最大{0}、1日の合計で{1}まで。</translation>
    </message>
    <message>
        <source>Central allows this store no card payments while the terminal is offline.</source>
        <translation>本部の設定により、この店舗では端末がオフラインの間はカード決済できません。</translation>
    </message>
    <message>
        <source>Kept: type a new one to change it</source>
        <translation>保存済み: 変更するには新しく入力</translation>
    </message>
    <message>
        <source>As set on the terminal</source>
        <translation>端末の設定どおり</translation>
    </message>
    <message>
        <source>It is kept in this computer&apos;s keyring and never shown.</source>
        <translation>このコンピューターのキーリングに保存され、表示されることはありません。</translation>
    </message>
    <message>
        <source>Without a terminal this till takes cash only.</source>
        <translation>端末がない場合、このレジは現金のみになります。</translation>
    </message>
    <message>
        <source>A pretend terminal inside this app, for training: no money moves.</source>
        <translation>研修用のアプリ内の仮想端末です。実際の決済は行われません。</translation>
    </message>
    <message>
        <source>A terminal on the shop&apos;s network, spoken to over HTTPS.</source>
        <translation>店舗ネットワーク上の端末とHTTPSで通信します。</translation>
    </message>
    <message>
        <source>Saved: receipts print on {0}.</source>
        <translation>保存しました: レシートは{0}で印刷されます。</translation>
    </message>
    <message>
        <source>Saved: this till prints no receipts.</source>
        <translation>保存しました: このレジではレシートを印刷しません。</translation>
    </message>
    <message>
        <source>The key version is a number from 1.</source>
        <translation>キーバージョンは1以上の数字です。</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <source>Opening…</source>
        <translation>起動しています…</translation>
    </message>
    <message>
        <source>Sign in first, then scan.</source>
        <translation>先にサインインしてからスキャンしてください。</translation>
    </message>
    <message>
        <source>This pickup kiosk is not set up yet. Staff: enrol it with “pos-app enroll”, then start it again.</source>
        <translation>この受け取り端末はまだ設定されていません。スタッフの方へ:「pos-app enroll」で登録し、再起動してください。</translation>
    </message>
    <message>
        <source>Local data was repaired</source>
        <translation>端末内のデータを修復しました</translation>
    </message>
</context>
<context>
    <name>ShiftSheet</name>
    <message>
        <source>Shift</source>
        <translation>シフト</translation>
    </message>
    <message>
        <source>Count the float in the drawer: how many of each note and coin.</source>
        <translation>ドロアの釣銭準備金を数えて、金種ごとの枚数を入力してください。</translation>
    </message>
    <message>
        <source>Open shift</source>
        <translation>シフト開始</translation>
    </message>
    <message>
        <source>Paid in</source>
        <translation>入金</translation>
    </message>
    <message>
        <source>Paid out</source>
        <translation>出金</translation>
    </message>
    <message>
        <source>Safe drop</source>
        <translation>中間回収</translation>
    </message>
    <message>
        <source>No sale</source>
        <translation>ドロア開放</translation>
    </message>
    <message>
        <source>X report</source>
        <translation>点検 (X)</translation>
    </message>
    <message>
        <source>Count drawer</source>
        <translation>現金カウント</translation>
    </message>
    <message>
        <source>Join this shift</source>
        <translation>このシフトに参加</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金額</translation>
    </message>
    <message>
        <source>Note (needed for “Other”)</source>
        <translation>メモ (「その他」の場合は必須)</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>戻る</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Count the drawer: how many of each note and coin. What is expected shows after you save.</source>
        <translation>ドロアを数えて、金種ごとの枚数を入力してください。理論在高は保存後に表示されます。</translation>
    </message>
    <message>
        <source>Save count</source>
        <translation>枚数を保存</translation>
    </message>
    <message>
        <source>The count is beyond the limit: choose a reason, then a manager approves.</source>
        <translation>過不足が許容範囲を超えています。理由を選択し、店長の承認を受けてください。</translation>
    </message>
    <message>
        <source>Why close with operations unsent (for the manager)</source>
        <translation>未送信の処理があるまま締める理由 (店長向け)</translation>
    </message>
    <message>
        <source>A manager approves: tap your name, then type your PIN.</source>
        <translation>店長の承認が必要です。名前をタップし、暗証番号を入力してください。</translation>
    </message>
    <message>
        <source>Manager&apos;s PIN</source>
        <translation>店長の暗証番号</translation>
    </message>
    <message>
        <source>Count again</source>
        <translation>数え直す</translation>
    </message>
    <message>
        <source>Close shift</source>
        <translation>レジ締め</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>印刷</translation>
    </message>
    <message>
        <source>◀ Day before</source>
        <translation>◀ 前日</translation>
    </message>
    <message>
        <source>Day after ▶</source>
        <translation>翌日 ▶</translation>
    </message>
    <message>
        <source>Day figures</source>
        <translation>日計</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Till %s: no open shift</source>
        <translation>レジ %s: シフト未開始</translation>
    </message>
    <message>
        <source>Open the shift with the float that is in the drawer.</source>
        <translation>ドロア内の釣銭準備金でシフトを開始してください。</translation>
    </message>
    <message>
        <source>Till %s: shift open</source>
        <translation>レジ %s: シフト中</translation>
    </message>
    <message>
        <source>Opened %s with a float of %s; %d on this shift.</source>
        <translation>%s 開始、釣銭準備金 %s、スタッフ %d 名。</translation>
    </message>
    <message>
        <source>Paid in: money put into the drawer</source>
        <translation>入金: ドロアにお金を入れる</translation>
    </message>
    <message>
        <source>Paid out: money taken from the drawer</source>
        <translation>出金: ドロアからお金を出す</translation>
    </message>
    <message>
        <source>Safe drop: cash taken to the safe</source>
        <translation>中間回収: 現金を金庫へ移す</translation>
    </message>
    <message>
        <source>No sale: open the drawer without a sale</source>
        <translation>ドロア開放: 会計なしでドロアを開ける</translation>
    </message>
    <message>
        <source>Open drawer</source>
        <translation>ドロアを開ける</translation>
    </message>
    <message>
        <source>Till %s: shift closed, Z report %d</source>
        <translation>レジ %s: シフト終了、精算レポート (Z) %d</translation>
    </message>
    <message>
        <source>Print it for the safe, or find it later under its number.</source>
        <translation>金庫保管用に印刷するか、後でこの番号で検索してください。</translation>
    </message>
    <message>
        <source>Printed.</source>
        <translation>印刷しました。</translation>
    </message>
    <message>
        <source>No printer answered; the report is kept on this till.</source>
        <translation>プリンターが応答しません。レポートはこのレジに保存されています。</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>1 sale</source>
        <translation>1件</translation>
    </message>
    <message>
        <source>%d sales</source>
        <translation>%d件</translation>
    </message>
    <message>
        <source>%s on till %s: %s, %s</source>
        <translation>%s · レジ %s: %s、%s</translation>
    </message>
    <message>
        <source>Counted %s, expected %s: %s%s</source>
        <translation>実在高 %s、理論在高 %s: 過不足 %s%s</translation>
    </message>
</context>
<context>
    <name>SignInView</name>
    <message>
        <source>Who is signing in?</source>
        <translation>サインインするスタッフ</translation>
    </message>
    <message>
        <source>Tap your name</source>
        <translation>名前をタップ</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>暗証番号</translation>
    </message>
    <message>
        <source>No staff for this store on this device yet. Connect to the network and wait for the first sync.</source>
        <translation>この端末にはまだこの店舗のスタッフが登録されていません。ネットワークに接続し、最初の同期をお待ちください。</translation>
    </message>
    <message>
        <source>Tap your name first.</source>
        <translation>先に名前をタップしてください。</translation>
    </message>
    <message>
        <source>You can try your PIN again.</source>
        <translation>暗証番号をもう一度入力できます。</translation>
    </message>
    <message>
        <source>Too many wrong PINs. Try again in {0}.</source>
        <translation>暗証番号の誤りが多すぎます。{0}後にもう一度お試しください。</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>● Connecting to central…</source>
        <translation>● 本部に接続中…</translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● オンライン</translation>
    </message>
    <message>
        <source> — live updates</source>
        <translation> — リアルタイム更新</translation>
    </message>
    <message>
        <source> · last sync {0}</source>
        <translation> · 最終同期 {0}</translation>
    </message>
    <message>
        <source>○ Offline — working from data as of {0}</source>
        <translation>○ オフライン — {0}時点のデータで動作中</translation>
    </message>
    <message>
        <source>{0} waiting to send</source>
        <translation>送信待ち {0}件</translation>
    </message>
    <message>
        <source>All sent</source>
        <translation>すべて送信済み</translation>
    </message>
    <message>
        <source>1 problem</source>
        <translation>問題 1 件</translation>
    </message>
    <message>
        <source>{0} problems</source>
        <translation>問題 {0}件</translation>
    </message>
    <message>
        <source>No problems</source>
        <translation>問題なし</translation>
    </message>
</context>
<context>
    <name>StoredValuePanel</name>
    <message>
        <source>Gift card or store credit</source>
        <translation>ギフトカード・ストアクレジット</translation>
    </message>
    <message>
        <source>Gift card number (GC…) or scan it</source>
        <translation>番号 (GC…) かスキャン</translation>
    </message>
    <message>
        <source>Use card</source>
        <translation>カードを使う</translation>
    </message>
    <message>
        <source>Store credit {0} of {1}</source>
        <translation>ストアクレジット {0} (残高 {1})</translation>
    </message>
    <message>
        <source>Offline: store credit and gift cards up to what this till last saw and today&apos;s offline limit; central checks them when it is back.</source>
        <translation>オフライン: ストアクレジットとギフトカードは、このレジの最終確認残高と本日のオフライン上限まで使えます。復旧後に本部が確認します。</translation>
    </message>
    <message>
        <source>Type or scan the gift card&apos;s number first.</source>
        <translation>先にギフトカード番号を入力またはスキャンしてください。</translation>
    </message>
</context>
<context>
    <name>TenderSheet</name>
    <message>
        <source>Cash — tap what you are handed</source>
        <translation>現金 — お預かりした金種をタップ</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>カード</translation>
    </message>
    <message>
        <source>Cancel card payment</source>
        <translation>カード決済を取消</translation>
    </message>
    <message>
        <source>Approval code the terminal shows</source>
        <translation>端末に表示された承認番号</translation>
    </message>
    <message>
        <source>It shows approved</source>
        <translation>承認済み</translation>
    </message>
    <message>
        <source>Nothing charged</source>
        <translation>決済なし</translation>
    </message>
    <message>
        <source>Other amount</source>
        <translation>その他の金額</translation>
    </message>
    <message>
        <source>Take cash</source>
        <translation>お預かり</translation>
    </message>
    <message>
        <source>Gift receipt</source>
        <translation>ギフトレシート</translation>
    </message>
    <message>
        <source>Print again</source>
        <translation>再印刷</translation>
    </message>
    <message>
        <source>E-mail receipt</source>
        <translation>レシートをメール</translation>
    </message>
    <message>
        <source>The customer&apos;s e-mail address</source>
        <translation>お客様のメールアドレス</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>送信</translation>
    </message>
    <message>
        <source>Back to the basket</source>
        <translation>カートに戻る</translation>
    </message>
    <message>
        <source>New sale</source>
        <translation>次の会計</translation>
    </message>
    <message>
        <source>Attach the customer first: store credit is theirs.</source>
        <translation>先にお客様を登録してください。ストアクレジットはお客様のものです。</translation>
    </message>
    <message>
        <source>Taken offline: {0}. Central checks it when it is back; what is short goes to head office.</source>
        <translation>オフラインで受領: {0}。復旧後に本部が確認し、不足分は本部の扱いとなります。</translation>
    </message>
    <message>
        <source>Customer is paying on the terminal…</source>
        <translation>お客様が端末で支払い中です…</translation>
    </message>
    <message>
        <source>Cancelling on the terminal… its answer decides.</source>
        <translation>端末で取消中です… 端末の応答で結果が決まります。</translation>
    </message>
    <message>
        <source>Card paid {0}; {1} still due.</source>
        <translation>カードで{0}お支払い済み。残り{1}です。</translation>
    </message>
    <message>
        <source>The terminal cannot say how this payment ended. Look at the terminal and record what it shows.</source>
        <translation>端末からこの支払いの結果を取得できません。端末の表示を確認し、その内容を記録してください。</translation>
    </message>
    <message>
        <source>Card payment cancelled.</source>
        <translation>カード決済を取り消しました。</translation>
    </message>
    <message>
        <source>The card was declined — ask for another card or take cash.</source>
        <translation>カードが承認されませんでした — 別のカードか現金でお願いしてください。</translation>
    </message>
    <message>
        <source>Giving the card payment back on the terminal…</source>
        <translation>端末でカード決済を返金しています…</translation>
    </message>
    <message>
        <source>Given back {0} to the card ending {1}.</source>
        <translation>末尾{1}のカードに{0}を返金しました。</translation>
    </message>
    <message>
        <source>The terminal has not said the money went back: look at the terminal, then try again.</source>
        <translation>端末から返金完了の応答がありません。端末を確認してから再試行してください。</translation>
    </message>
    <message>
        <source>Card {0}</source>
        <translation>カード {0}</translation>
    </message>
    <message>
        <source>Give back {0} ({1} {2})</source>
        <translation>{0}を返金 ({1} {2})</translation>
    </message>
    <message>
        <source>Still due {0}</source>
        <translation>残り {0}</translation>
    </message>
    <message>
        <source>Card taken: {0} (kept with the basket; clearing the basket gives it back)</source>
        <translation>カード決済済み: {0} (カートに保持。カートを空にすると返金されます)</translation>
    </message>
    <message>
        <source>Taken: {0} (“Start again” to change it)</source>
        <translation>お預かり: {0} (変更は「やり直す」)</translation>
    </message>
    <message>
        <source>Start again</source>
        <translation>やり直す</translation>
    </message>
    <message>
        <source>To pay {0}</source>
        <translation>お支払い {0}</translation>
    </message>
    <message>
        <source>{0} exact</source>
        <translation>{0} ちょうど</translation>
    </message>
    <message>
        <source>gift card</source>
        <translation>ギフトカード</translation>
    </message>
    <message>
        <source>store credit</source>
        <translation>ストアクレジット</translation>
    </message>
    <message>
        <source>cash</source>
        <translation>現金</translation>
    </message>
    <message>
        <source>Type the amount handed over, like 5000 or 20.50.</source>
        <translation>お預かり金額を入力してください (例: 5000、20.50)。</translation>
    </message>
    <message>
        <source>The receipt could not be kept ({0}); the sale is complete.</source>
        <translation>レシートを保存できませんでした ({0})。会計は完了しています。</translation>
    </message>
    <message>
        <source>Receipt printed.</source>
        <translation>レシートを印刷しました。</translation>
    </message>
    <message>
        <source> Drawer open.</source>
        <translation> ドロアが開いています。</translation>
    </message>
    <message>
        <source>No receipt printer on this till: e-mail the receipt, or print it later.</source>
        <translation>このレジにはレシートプリンターがありません。レシートをメールするか、後で印刷してください。</translation>
    </message>
    <message>
        <source>the printer is off or unreachable</source>
        <translation>プリンターの電源が切れているか、接続できません</translation>
    </message>
    <message>
        <source>the printer is out of paper</source>
        <translation>プリンターの用紙切れです</translation>
    </message>
    <message>
        <source>the printer&apos;s cover is open</source>
        <translation>プリンターのカバーが開いています</translation>
    </message>
    <message>
        <source>the printer did not take it</source>
        <translation>プリンターが受け付けませんでした</translation>
    </message>
    <message>
        <source>The receipt waits: {0}. It prints by itself when the printer is back.</source>
        <translation>レシートは印刷待ちです: {0}。プリンターが復旧すると自動で印刷されます。</translation>
    </message>
    <message>
        <source>Paid {0} — thank you</source>
        <translation>お支払い {0} — ありがとうございました</translation>
    </message>
    <message>
        <source>Change {0}</source>
        <translation>お釣り {0}</translation>
    </message>
    <message>
        <source>No change</source>
        <translation>お釣りなし</translation>
    </message>
    <message>
        <source>Receipt {0}</source>
        <translation>レシート {0}</translation>
    </message>
</context>
<context>
    <name>VariantSheet</name>
    <message>
        <source>Tap the colour and size to add</source>
        <translation>色とサイズをタップして追加</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
</context>
<context>
    <name>hhmm</name>
    <message>
        <source>unknown</source>
        <translation>不明</translation>
    </message>
</context>
<context>
    <name>ops</name>
    <message>
        <source>Sorry, something went wrong (reference {0}).</source>
        <translation>申し訳ありません、エラーが発生しました (参照番号 {0})。</translation>
    </message>
</context>
</TS>
