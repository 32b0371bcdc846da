# A character the project's fonts cannot draw (a CJK ideograph) in a
# question: libharu and cairo would draw nothing, silently.
sed -i 's/^question: .*/question: "Who owns the 漢 record?"/' content/resources/demo/faq/first-question.md
