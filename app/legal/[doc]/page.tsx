import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { LegalDocument, type LegalDocumentName, legalDocuments } from "@/components/profile/legal-document";

type Params = { params: Promise<{ doc: string }> };

function documentName(doc: string): LegalDocumentName {
  if (!(legalDocuments as readonly string[]).includes(doc)) notFound();
  return doc as LegalDocumentName;
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const name = documentName((await params).doc);
  const t = await getTranslations("legal");
  return { title: t(`${name}.title`) };
}

/** /legal/privacy, /legal/terms, /legal/support: short, real texts in the person's language. */
export default async function LegalPage({ params }: Params) {
  const name = documentName((await params).doc);
  const format = await getFormatter();
  return (
    <LegalDocument
      name={name}
      updated={format.dateTime(new Date("2026-11-30T12:00:00Z"), { dateStyle: "long", timeZone: "UTC" })}
    />
  );
}
